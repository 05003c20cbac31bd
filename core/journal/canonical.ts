// The canonical form of a journal entry: the exact text that is hashed, so the terminal, HQ and an
// auditor's script all hash the same bytes however they parsed or stored the entry (PostgreSQL's jsonb,
// for one, reorders keys). Deterministic JSON: object keys sorted by UTF-16 code unit (as RFC 8785),
// no whitespace, strings as JSON.stringify writes them (lone surrogates escaped, so the text is always
// valid UTF-8), and only safe integers: money is integer minor units, and a float in an entry is a bug
// that must stop the write rather than be hashed in a form another language would print differently.

/** A value that has no canonical form; `message` names where it sits (`$.data.amount`). */
export class CanonicalFormError extends Error {
  override name = 'CanonicalFormError';
}

/** The canonical JSON text of `value`; keys whose value is undefined are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new CanonicalFormError(`${path} is ${value}: only safe integers (minor units) are allowed`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object':
      return Array.isArray(value) ? encodeArray(value, path) : encodeObject(value, path);
    default:
      throw new CanonicalFormError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
}

function encodeArray(items: readonly unknown[], path: string): string {
  // JSON.stringify would turn a hole or undefined into null; an entry that has one is a bug.
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new CanonicalFormError(`${path}[${i}] is undefined`);
    parts.push(encode(items[i], `${path}[${i}]`));
  }
  return `[${parts.join(',')}]`;
}

function encodeObject(object: object, path: string): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    // A Date or a Map would serialise through its own rules (toJSON), not these.
    throw new CanonicalFormError(`${path} is a ${object.constructor?.name ?? 'non-plain object'}`);
  }
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  const parts = keys.map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`)}`);
  return `{${parts.join(',')}}`;
}
