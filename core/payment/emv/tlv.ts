/**
 * The TLV layer of EMVCo MPM: a two-digit ID, a two-digit length and the value. Lengths count
 * characters (Unicode code points), not bytes and not UTF-16 units: "0104最佳运输" is 4 characters.
 */
import type { EmvError } from './types';

/** A data object as it was read, with the character position of its ID in the whole payload. */
export interface TlvObject {
  id: string;
  value: string;
  position: number;
}

export type TlvParse = { ok: true; objects: TlvObject[] } | { ok: false; error: EmvError };

const TWO_DIGITS = /^[0-9]{2}$/;

/** The number of characters (code points) of a value, as a TLV length counts them. */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** A child's path under a template's path: "" + "62" → "62", "62" + "05" → "62.05". */
export function childPath(path: string, id: string): string {
  return path ? `${path}.${id}` : id;
}

/**
 * Splits a TLV string into its data objects in order. `path` names the template being read and
 * `offset` is where its value starts in the payload, so errors point at the right character.
 */
export function parseTlv(text: string, path = '', offset = 0): TlvParse {
  const chars = Array.from(text);
  const objects: TlvObject[] = [];
  const seen = new Set<string>();
  const where = path ? `in ${path}, ` : '';
  let i = 0;
  while (i < chars.length) {
    const position = offset + i;
    const fail = (code: EmvError['code'], at: string, message: string): TlvParse => ({
      ok: false,
      error: { code, path: at, message: `${where}${message}`, position },
    });
    if (chars.length - i < 4) {
      const rest = chars.slice(i).join('');
      return fail(
        'truncated',
        path,
        `"${rest}" at character ${position} is cut off: an ID and a length need 4 characters`,
      );
    }
    const id = chars[i]! + chars[i + 1]!;
    const lengthText = chars[i + 2]! + chars[i + 3]!;
    if (!TWO_DIGITS.test(id))
      return fail('bad_id', path, `"${id}" at character ${position} is not a two-digit ID`);
    const at = childPath(path, id);
    if (!TWO_DIGITS.test(lengthText)) {
      return fail(
        'bad_length',
        at,
        `${id} at character ${position} has length "${lengthText}", not two digits`,
      );
    }
    const length = Number(lengthText);
    const remaining = chars.length - i - 4;
    if (length > remaining) {
      return fail(
        'truncated',
        at,
        `${id} at character ${position} says ${length} characters but only ${remaining} follow`,
      );
    }
    if (seen.has(id)) return fail('duplicate_id', at, `${id} appears twice (again at character ${position})`);
    seen.add(id);
    objects.push({ id, value: chars.slice(i + 4, i + 4 + length).join(''), position });
    i += 4 + length;
  }
  return { ok: true, objects };
}

/** One data object as TLV; throws RangeError past 99 characters, which callers check first. */
export function tlv(id: string, value: string): string {
  const length = charLength(value);
  if (!TWO_DIGITS.test(id) || length > 99)
    throw new RangeError(`cannot write ${id} with ${length} characters`);
  return `${id}${String(length).padStart(2, '0')}${value}`;
}
