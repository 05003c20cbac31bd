// Checks an OpenAPI 3.1 document's structure, as a client generator would need it: the top-level shape,
// each operation's fields, every $ref resolving inside the document, every {param} of a path declared
// as a path parameter (and no path parameter that is not in the path), unique operation ids, known
// security schemes, and every schema a valid JSON Schema 2020-12 (compiled by Ajv). Returns the problems
// as sentences naming where they are; [] when there are none.
import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resolves a local JSON pointer (`#/components/schemas/X`) in the document, or undefined. */
function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let at: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(at) && !Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
    if (at === undefined) return undefined;
  }
  return at;
}

function eachRef(value: unknown, where: string, visit: (ref: string, where: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => eachRef(v, `${where}/${i}`, visit));
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') visit(inner, where);
      else eachRef(inner, `${where}/${key}`, visit);
    }
  }
}

export function openApiProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['the document is not a JSON object'];
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi))
    problems.push(`openapi is ${JSON.stringify(doc.openapi)}, not 3.1.x`);
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string')
    problems.push('info needs a title and a version (strings)');
  if (!isObject(doc.paths)) return [...problems, 'paths is missing'];
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};

  eachRef(doc, '#', (ref, where) => {
    if (resolvePointer(doc, ref) === undefined) problems.push(`${where}: $ref ${ref} resolves to nothing`);
  });

  const ids = new Map<string, string>();
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'doc', components }, 'doc');
  const checkSchema = (schema: unknown, where: string) => {
    const local = JSON.parse(JSON.stringify(schema ?? {}).replace(/"#\/components\//g, '"doc#/components/'));
    try {
      ajv.compile(local);
    } catch (error) {
      problems.push(`${where}: not a valid JSON Schema 2020-12: ${(error as Error).message}`);
    }
  };
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {}))
    checkSchema(schema, `components.schemas.${name}`);

  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    if (!isObject(item)) {
      problems.push(`${path}: not an object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) {
        problems.push(`${at}: ${method} is not an HTTP method`);
        continue;
      }
      if (!isObject(op)) {
        problems.push(`${at}: not an object`);
        continue;
      }
      if (typeof op.summary !== 'string' || op.summary.length === 0) problems.push(`${at}: no summary`);
      if (typeof op.operationId === 'string') {
        const seen = ids.get(op.operationId);
        if (seen) problems.push(`${at}: operationId ${op.operationId} is also ${seen}'s`);
        ids.set(op.operationId, at);
      } else problems.push(`${at}: no operationId`);
      const parameters = Array.isArray(op.parameters) ? op.parameters : [];
      const inPath = new Set<string>();
      const seenParams = new Set<string>();
      for (const p of parameters) {
        if (
          !isObject(p) ||
          typeof p.name !== 'string' ||
          !['query', 'path', 'header', 'cookie'].includes(String(p.in))
        ) {
          problems.push(`${at}: a parameter without a name or a known "in"`);
          continue;
        }
        if (seenParams.has(`${p.in} ${p.name}`)) problems.push(`${at}: ${p.in} parameter ${p.name} twice`);
        seenParams.add(`${p.in} ${p.name}`);
        if (!isObject(p.schema)) problems.push(`${at}: parameter ${p.name} has no schema`);
        else checkSchema(p.schema, `${at} parameter ${p.name}`);
        if (p.in === 'path') {
          inPath.add(p.name);
          if (p.required !== true) problems.push(`${at}: path parameter ${p.name} is not required: true`);
          if (!templated.includes(p.name))
            problems.push(`${at}: path parameter ${p.name} is not in the path`);
        }
      }
      for (const name of templated)
        if (!inPath.has(name)) problems.push(`${at}: {${name}} is not declared as a path parameter`);
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0)
        problems.push(`${at}: no responses`);
      else {
        for (const [code, response] of Object.entries(op.responses)) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code))
            problems.push(`${at}: response ${code} is not a status`);
          if (!isObject(response) || typeof response.description !== 'string')
            problems.push(`${at}: response ${code} has no description`);
          const content = isObject(response) && isObject(response.content) ? response.content : {};
          for (const [type, media] of Object.entries(content))
            if (isObject(media) && media.schema !== undefined)
              checkSchema(media.schema, `${at} ${code} ${type}`);
        }
      }
      const body = op.requestBody;
      if (body !== undefined) {
        const content = isObject(body) && isObject(body.content) ? body.content : null;
        if (!content || Object.keys(content).length === 0)
          problems.push(`${at}: a requestBody without content`);
        for (const [type, media] of Object.entries(content ?? {}))
          if (isObject(media)) checkSchema(media.schema, `${at} body ${type}`);
      }
      if (op.security !== undefined) {
        if (!Array.isArray(op.security)) problems.push(`${at}: security is not a list`);
        else
          for (const requirement of op.security)
            for (const name of Object.keys(isObject(requirement) ? requirement : {}))
              if (!(name in schemes)) problems.push(`${at}: security scheme ${name} is not defined`);
      }
    }
  }
  return problems;
}
