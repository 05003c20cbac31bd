// A purchase-order file's rows checked with no database: `store,po_number,supplier,barcode,quantity`
// and optionally `expected_on` (YYYY-MM-DD), in any column order, one line per item of a PO. Every
// problem is named with its line; a file with any is refused whole (see po-import.ts).
import { checkGtin } from '../../core/barcode/gtin';
import type { CsvRecord } from '../../core/catalog/csv';
import { MAX_EVENT_LINES } from '../../core/sync';
import { MAX_QUANTITY, isRealTime } from '../../core/sync/values';

export interface PoRowError {
  line: number;
  message: string;
}

export interface PoLine {
  gtin: string;
  quantity: number;
  line: number;
}

export interface PurchaseOrder {
  store: string;
  number: string;
  supplier: string;
  expectedOn: string | null;
  /** The file line the PO first appears on. */
  line: number;
  lines: PoLine[];
}

const REQUIRED = ['store', 'po_number', 'supplier', 'barcode', 'quantity'] as const;
const STORE = /^[A-Za-z0-9_]{1,32}$/;
const PO_NUMBER = /^[^\p{Cc}]{1,64}$/u;

/** The POs of a file, or every problem in it. */
export function purchaseOrderRows(
  records: Iterable<CsvRecord>,
): { ok: true; orders: PurchaseOrder[] } | { ok: false; errors: PoRowError[] } {
  const errors: PoRowError[] = [];
  const iterator = records[Symbol.iterator]();
  const head = iterator.next();
  if (head.done)
    return { ok: false, errors: [{ line: 0, message: 'the file is empty: it needs a header row' }] };
  const columns = head.value.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return {
      ok: false,
      errors: [
        {
          line: head.value.line,
          message: `the header lacks ${missing.join(', ')} (it needs ${REQUIRED.join(', ')}[, expected_on])`,
        },
      ],
    };
  const at = (record: CsvRecord, name: string) => (record.fields[columns.indexOf(name)] ?? '').trim();
  const orders = new Map<string, PurchaseOrder>();
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const record = next.value;
    const problem = (message: string) => errors.push({ line: record.line, message });
    if (record.error) {
      problem(record.error);
      continue;
    }
    const row = checkRow(record, at, problem);
    if (!row) continue;
    const key = `${row.store}\u0000${row.number}`;
    const order = orders.get(key);
    if (!order) {
      orders.set(key, { ...row.order, line: record.line, lines: [row.item] });
      continue;
    }
    if (order.supplier !== row.order.supplier)
      problem(
        `PO ${row.number} names supplier "${row.order.supplier}" here but "${order.supplier}" on line ${order.line}`,
      );
    else if (order.expectedOn !== row.order.expectedOn)
      problem(
        `PO ${row.number} is expected on ${row.order.expectedOn ?? 'no date'} here but ${order.expectedOn ?? 'no date'} on line ${order.line}`,
      );
    else if (order.lines.some((l) => l.gtin === row.item.gtin))
      problem(
        `barcode ${at(record, 'barcode')} is listed twice in PO ${row.number} (first on line ${order.lines.find((l) => l.gtin === row.item.gtin)!.line})`,
      );
    else if (order.lines.length >= MAX_EVENT_LINES)
      problem(`PO ${row.number} has more than ${MAX_EVENT_LINES} lines`);
    else order.lines.push(row.item);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (orders.size === 0)
    return { ok: false, errors: [{ line: 0, message: 'the file has a header but no rows' }] };
  return { ok: true, orders: [...orders.values()] };
}

function checkRow(
  record: CsvRecord,
  at: (record: CsvRecord, name: string) => string,
  problem: (message: string) => void,
) {
  let bad = false;
  const say = (message: string) => {
    bad = true;
    problem(message);
  };
  const store = at(record, 'store');
  const number = at(record, 'po_number');
  const supplier = at(record, 'supplier');
  const barcode = at(record, 'barcode');
  const quantityText = at(record, 'quantity');
  const expectedOn = at(record, 'expected_on') || null;
  if (!STORE.test(store)) say(`store "${store}" must be 1 to 32 letters, digits or _`);
  if (!PO_NUMBER.test(number)) say('po_number must be 1 to 64 characters without control characters');
  if (supplier.length < 1 || supplier.length > 120) say('supplier must be 1 to 120 characters');
  const gtin = checkGtin(barcode);
  if (!gtin.ok) say(`barcode ${gtin.message}`);
  const quantity = /^\d{1,15}$/.test(quantityText) ? Number(quantityText) : NaN;
  if (!(quantity >= 1 && quantity <= MAX_QUANTITY))
    say(`quantity "${quantityText}" must be a whole number from 1 to ${MAX_QUANTITY} (pieces, or grams)`);
  if (
    expectedOn !== null &&
    !(/^\d{4}-\d{2}-\d{2}$/.test(expectedOn) && isRealTime(`${expectedOn}T00:00:00Z`))
  )
    say(`expected_on "${expectedOn}" must be a day like 2026-12-08`);
  if (bad || !gtin.ok) return null;
  return {
    store,
    number,
    order: { store, number, supplier, expectedOn },
    item: { gtin: gtin.gtin14, quantity, line: record.line },
  };
}
