/** The data object tree: templates split into children, primitives kept exactly, and written back. */
import { fieldSpec, type EmvTemplateKind } from './spec';
import { childPath, parseTlv, tlv, type TlvObject } from './tlv';
import { isTemplate, type EmvDataObject, type EmvError } from './types';

export type TreeParse = { ok: true; objects: EmvDataObject[] } | { ok: false; error: EmvError };

/**
 * Turns one level of TLV objects into data objects, parsing the value of every template ID
 * (26–51, 62, 64, 80–99 at the root; 50–99 inside 62) as data objects of its own.
 */
export function expandTemplates(
  objects: readonly TlvObject[],
  kind: EmvTemplateKind,
  path: string,
): TreeParse {
  const out: EmvDataObject[] = [];
  for (const { id, value, position } of objects) {
    const template = fieldSpec(kind, id).template;
    if (!template) {
      out.push({ id, value });
      continue;
    }
    const at = childPath(path, id);
    const parsed = parseTlv(value, at, position + 4);
    if (!parsed.ok) return parsed;
    const children = expandTemplates(parsed.objects, template, at);
    if (!children.ok) return children;
    out.push({ id, children: children.objects });
  }
  return { ok: true, objects: out };
}

/** Parses a TLV string into the data object tree of a template of `kind` at `path`. */
export function parseTree(text: string, kind: EmvTemplateKind = 'root', path = ''): TreeParse {
  const parsed = parseTlv(text, path);
  return parsed.ok ? expandTemplates(parsed.objects, kind, path) : parsed;
}

/** The value a data object carries: a primitive's own, a template's children written out. */
export function valueOf(object: EmvDataObject): string {
  return isTemplate(object) ? serialiseObjects(object.children) : object.value;
}

/** Writes data objects back as TLV, in the order given. */
export function serialiseObjects(objects: readonly EmvDataObject[]): string {
  return objects.map((object) => tlv(object.id, valueOf(object))).join('');
}
