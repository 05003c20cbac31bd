/** Finding data objects by ID or dotted path ("62.05"), and replacing them without mutating. */
import { isTemplate, type EmvDataObject, type EmvTemplate } from './types';

/** The data object with `id` among `objects`, if any. */
export function findObject(objects: readonly EmvDataObject[], id: string): EmvDataObject | undefined {
  return objects.find((object) => object.id === id);
}

/** The primitive value at a dotted path ("59", "62.05", "26.00"), or undefined. */
export function valueAt(objects: readonly EmvDataObject[], path: string): string | undefined {
  const [id, ...rest] = path.split('.');
  const object = findObject(objects, id!);
  if (!object) return undefined;
  if (rest.length === 0) return isTemplate(object) ? undefined : object.value;
  return isTemplate(object) ? valueAt(object.children, rest.join('.')) : undefined;
}

/** The template with `id` among `objects`, if that ID holds a template. */
export function findTemplate(objects: readonly EmvDataObject[], id: string): EmvTemplate | undefined {
  const object = findObject(objects, id);
  return object && isTemplate(object) ? object : undefined;
}

/** A template's globally unique identifier (its child 00), if it has one. */
export function guiOf(template: EmvTemplate): string | undefined {
  return valueAt(template.children, '00');
}

/**
 * A copy of `objects` with the value at a dotted path set (templates on the way are created) or,
 * for `undefined`, removed. A new object goes before the first higher ID, and before the root's 63.
 */
export function withValue(
  objects: readonly EmvDataObject[],
  path: string,
  value: string | undefined,
): EmvDataObject[] {
  return setAt(objects, path.split('.'), value, true);
}

function setAt(
  objects: readonly EmvDataObject[],
  [id, ...rest]: string[],
  value: string | undefined,
  root: boolean,
): EmvDataObject[] {
  const index = objects.findIndex((object) => object.id === id);
  const existing = index >= 0 ? objects[index]! : undefined;
  let replacement: EmvDataObject | undefined;
  if (rest.length === 0) {
    replacement = value === undefined ? undefined : { id: id!, value };
  } else {
    const children = setAt(existing && isTemplate(existing) ? existing.children : [], rest, value, false);
    replacement = children.length > 0 ? { id: id!, children } : undefined;
  }
  const out = [...objects];
  if (existing) {
    if (replacement) out[index] = replacement;
    else out.splice(index, 1);
  } else if (replacement) {
    let at = out.findIndex((object) => object.id > id!);
    if (at < 0) at = root && out.at(-1)?.id === '63' ? out.length - 1 : out.length;
    out.splice(at, 0, replacement);
  }
  return out;
}
