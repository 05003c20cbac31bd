// What the cashier typed into the code entry: a code, or a quantity, a star and a code ("3*6901234567892").
// Parsed here, purely, so the one rule for what counts as a quantity prefix is unit-tested.

export type Entry =
  | { kind: 'empty' }
  | { kind: 'code'; code: string; quantity: number }
  /** A star with no usable quantity before it or no code after it: nothing is sent. */
  | { kind: 'invalid' };

/** The backend's limit for one line (basket.setQuantity takes 1–9999). */
export const MAX_QUANTITY = 9999;

// Only digits, then `*` or `×`: a code may contain letters (STAFF-…, MEM…), so no `x` here.
const QUANTITY_PREFIX = /^(\d+)\s*[*×]\s*(.*)$/s;

/** Reads one entry. Surrounding whitespace (a wedge's stray space) is not part of the code. */
export function parseEntry(text: string): Entry {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (!/[*×]/.test(trimmed)) return { kind: 'code', code: trimmed, quantity: 1 };
  const match = QUANTITY_PREFIX.exec(trimmed);
  if (!match) return { kind: 'invalid' };
  const quantity = Number(match[1]);
  const code = match[2]!.trim();
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return { kind: 'invalid' };
  if (code === '' || /[*×]/.test(code)) return { kind: 'invalid' };
  return { kind: 'code', code, quantity };
}
