// The keystrokes a cashier makes for a 30-item cash sale, counted from the counter's own key map
// (renderer/counter/keys.ts: which key does what; renderer/counter/entry.ts: the "3*code" quantity
// prefix) and core/cash (the note the shopper hands over). Where the key map has no key yet — the cash
// the tender screen's keys (renderer/counter/tender/tender-keys.ts: the quick-cash keys).
//
// The sale: 30 items on 23 lines (18 lines of one, 3 of two, 2 of three), real demo-store codes. Two
// ways of entering the codes: every code typed on the keyboard, or scanned (the scanner types them, so
// they cost the cashier no key). A quantity costs the cheaper of the entry's "n*" prefix and pressing
// "+" on the selected line n−1 times. Then the payment key, and the first quick-cash key for the
// smallest note amount that covers the total (the shopper hands over that note).
import { demoProducts } from '../../core/catalog/demo-store';
import { quickCashKeys } from '../../core/cash/change';
import { currencyExponent } from '../../core/money';
import { parseEntry } from '../../renderer/counter/entry';
import { commandForKey } from '../../renderer/counter/keys';
import { QUICK_KEYS, tenderCommandForKey } from '../../renderer/counter/tender/tender-keys';

/** Quantities of the 23 lines: 18 × 1, 3 × 2, 2 × 3 = 30 items. */
export const SALE_QUANTITIES = [...Array<number>(18).fill(1), 2, 2, 2, 3, 3];

/** Every key the key map might give a command to: function keys, arrows, and the few text keys it uses. */
const CANDIDATE_KEYS = [
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  'ArrowUp',
  'ArrowDown',
  'Escape',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  '+',
  '-',
  '*',
  '/',
];

/** The key the counter's key map gives `command` (with an empty entry), or null when it has none. */
export function keyFor(command: (name: string) => boolean): string | null {
  return (
    CANDIDATE_KEYS.find((key) => {
      const found = commandForKey(key, true);
      return found !== null && command(found);
    }) ?? null
  );
}

export interface KeystrokeCount {
  total: number;
  /** What each part cost, for the table and docs/benchmarks.md. */
  parts: string[];
}

/** The keystrokes for the 30-item cash sale; `scanned`: the codes come from a scanner. */
export function countCashSale(scanned: boolean): KeystrokeCount {
  const products = demoProducts().filter((p) => p.unit === 'each' && p.ageLimit === null);
  const lines = SALE_QUANTITIES.map((quantity, i) => ({ product: products[i]!, quantity }));
  const parts: string[] = [];

  const more = keyFor((c) => c === 'more');
  const pay = keyFor((c) => c === 'pay');
  if (!more || !pay) throw new Error('the counter key map has no "+1" or no "pay" key any more');

  let codes = 0;
  let quantities = 0;
  for (const { product, quantity } of lines) {
    if (!scanned) codes += product.barcode.length + 1; // the code, then Enter
    if (quantity === 1) continue;
    // Both ways must still mean what they meant: the entry takes "n*code", "+" adds one.
    const prefix = `${quantity}*`;
    const parsed = parseEntry(`${prefix}${product.barcode}`);
    if (parsed.kind !== 'code' || parsed.quantity !== quantity)
      throw new Error(`"${prefix}code" is no quantity`);
    // A scanned code cannot take a typed prefix in the same breath as cheaply: "+" after the scan.
    quantities += scanned ? quantity - 1 : Math.min(prefix.length, quantity - 1);
  }
  if (!scanned) parts.push(`${lines.length} codes typed with Enter: ${codes}`);
  else parts.push(`${lines.length} codes scanned: 0`);
  parts.push(
    `quantities (${scanned ? `"${more}" after the scan` : `"n*" or "${more}", the cheaper`}): ${quantities}`,
  );
  parts.push(`${pay} to pay: 1`);

  // The tender screen (renderer/counter/tender/tender-keys.ts) opens on the pay key with the cash entry
  // focused: the first quick-cash key hands over the smallest note amount that covers the total.
  const total = lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0);
  const handed = quickCashKeys('CNY', total, 1);
  if (!handed.ok) throw new Error(handed.error.message);
  const quick = QUICK_KEYS[0];
  const quickCommand = tenderCommandForKey(quick);
  if (quickCommand?.kind !== 'quick' || quickCommand.index !== 0)
    throw new Error(`the tender screen's ${quick} is no quick-cash key any more`);
  const whole = String(handed.value[0]! / 10 ** currencyExponent('CNY'));
  parts.push(`${quick} hands over ${whole} in cash (or "${whole}" and Enter: ${whole.length + 1}): 1`);
  return { total: codes + quantities + 1 + 1, parts };
}
