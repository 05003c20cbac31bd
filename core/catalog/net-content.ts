/**
 * A product's net content (the catalog file's `net_content` column: `500 g`, `1.5 l`, `6 x 330 ml`),
 * from which a shelf shows the unit price per kg or per litre of an item sold by the piece. Kept as a
 * whole number of grams or millilitres, so the unit price is one exact integer division.
 */
import { mulDivRoundHalfUp } from '../pricing/rounding';

export interface NetContent {
  /** Whole grams (`g`) or millilitres (`ml`); a multipack's total. */
  amount: number;
  unit: 'g' | 'ml';
}

/** 1 000 kg or 1 000 l: more is a typing mistake, not a product on a shelf. */
export const MAX_NET_CONTENT = 1_000_000;

/** Each unit written in the file → the base unit and how many of it one makes. */
const UNITS: Record<string, { unit: NetContent['unit']; factor: number }> = {
  g: { unit: 'g', factor: 1 },
  kg: { unit: 'g', factor: 1000 },
  ml: { unit: 'ml', factor: 1 },
  cl: { unit: 'ml', factor: 10 },
  l: { unit: 'ml', factor: 1000 },
};

// `[count x] amount unit`: a multipack of at most 999 items; at most 3 decimals of the unit written.
const FORM = /^(?:(\d{1,3})\s*[x×]\s*)?(\d{1,7}(?:\.\d{1,3})?)\s*([a-z]+)$/;

/** The net content a `net_content` cell names, null for an empty cell; a bad one pushes its problem. */
export function parseNetContent(text: string, problems: string[]): NetContent | null {
  if (text === '') return null;
  const match = FORM.exec(text.toLowerCase());
  const unit = match && Object.hasOwn(UNITS, match[3]!) ? UNITS[match[3]!] : undefined;
  if (!match || !unit) {
    problems.push(
      `net_content "${text}" is not an amount with g, kg, ml, cl or l, like 500 g, 1.5 l or 6 x 330 ml`,
    );
    return null;
  }
  const count = match[1] === undefined ? 1 : Number(match[1]);
  // Thousandths of the written unit, an integer: "1.5" → 1500, so no float rounding creeps in.
  const [whole, decimals = ''] = match[2]!.split('.');
  const thousandths = Number(whole) * 1000 + Number(decimals.padEnd(3, '0'));
  const amount = (count * thousandths * unit.factor) / 1000;
  if (count === 0 || thousandths === 0) problems.push(`net_content "${text}" is zero`);
  else if (!Number.isInteger(amount))
    problems.push(
      `net_content "${text}" is not a whole number of ${unit.unit === 'g' ? 'grams' : 'millilitres'}`,
    );
  else if (amount > MAX_NET_CONTENT)
    problems.push(
      `net_content "${text}" is more than ${MAX_NET_CONTENT / 1000} ${unit.unit === 'g' ? 'kg' : 'l'}`,
    );
  else return { amount, unit: unit.unit };
  return null;
}

/** Whether a net content from elsewhere (HQ's catalog feed) is one parseNetContent could have made. */
export function isNetContent(value: unknown): value is NetContent | null | undefined {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return false;
  const { amount, unit } = value as Record<string, unknown>;
  return (
    (unit === 'g' || unit === 'ml') &&
    Number.isSafeInteger(amount) &&
    (amount as number) >= 1 &&
    (amount as number) <= MAX_NET_CONTENT
  );
}

/**
 * The price per kg (contents in g) or per litre (in ml) of a piece at `price` minor units, rounded
 * half up to the minor unit: 250 g at 425 → 1700 per kg.
 */
export function unitPriceOfContent(price: number, content: NetContent): { amount: number; per: 'kg' | 'l' } {
  return { amount: mulDivRoundHalfUp(price, 1000, content.amount), per: content.unit === 'g' ? 'kg' : 'l' };
}
