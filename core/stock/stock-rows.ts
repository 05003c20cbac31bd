/**
 * Stock files from store staff — a delivery note, a shelf count, a correction, a transfer — checked
 * row by row: `barcode,quantity` with a header. Every problem of every row is reported with its line
 * number, as the catalog import does, so a file is fixed in one pass and a bad one changes nothing.
 *
 * Quantities are what staff write: pieces for items sold each, kilograms (up to three decimals) for
 * items sold by weight, which the ledger keeps in grams like the sales that move them.
 */
import { checkGtin } from '../barcode/gtin';
import type { CsvRecord } from '../catalog/csv';
import type { StockLine } from '../sync/events';
import type { Unit } from '../types';

/** What a stock file records. Counts may be zero, adjustments may be negative, the rest move stock in or out. */
export type StockAction = 'receive' | 'count' | 'adjust' | 'transfer';

/** A file's line as it goes into the stock event: the wire's stock line. */
export type { StockLine } from '../sync/events';

export interface StockRowError {
  /** The 1-based line of the file; 0 for a problem with the file as a whole. */
  line: number;
  message: string;
}

export interface StockRows {
  lines: StockLine[];
  errors: StockRowError[];
}

/** The catalog as the validator needs it: the unit of a product, or null when the store does not sell it. */
export type UnitLookup = (gtin14: string) => Unit | null;

const COLUMNS = ['barcode', 'quantity'] as const;
/** Whole pieces, or kilograms with at most three decimals (grams); an optional sign for adjustments. */
const QUANTITY = /^([+-]?)(\d{1,9})(?:\.(\d{1,3}))?$/;

/** Checks a stock file's records against the catalog; `lines` is only meaningful when `errors` is empty. */
export function validateStockRows(
  records: Iterable<CsvRecord>,
  action: StockAction,
  unitOf: UnitLookup,
): StockRows {
  const lines: StockLine[] = [];
  const errors: StockRowError[] = [];
  const iterator = records[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) {
    return {
      lines,
      errors: [{ line: 1, message: 'the file is empty; its first line must be the header barcode,quantity' }],
    };
  }
  const layout = readHeader(first.value, errors);
  if (!layout) return { lines, errors };
  const firstLineOf = new Map<string, number>();
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const record = next.value;
    const problems: string[] = [];
    const line = readRow(record, layout, action, unitOf, problems);
    if (line) {
      const earlier = firstLineOf.get(line.gtin);
      if (earlier !== undefined) problems.push(`barcode is listed twice (first on line ${earlier})`);
      else firstLineOf.set(line.gtin, record.line);
    }
    if (problems.length === 0 && line) lines.push(line);
    for (const message of problems) errors.push({ line: record.line, message });
  }
  if (lines.length === 0 && errors.length === 0) {
    errors.push({ line: 0, message: 'the file has a header but no rows' });
  }
  return { lines, errors };
}

interface Layout {
  barcode: number;
  quantity: number;
  width: number;
}

function readHeader(record: CsvRecord, errors: StockRowError[]): Layout | null {
  const at = (message: string) => errors.push({ line: record.line, message });
  if (record.error) {
    at(`the header is malformed: ${record.error}`);
    return null;
  }
  const names = record.fields.map((f) => f.trim().toLowerCase());
  for (const name of names) {
    if (!(COLUMNS as readonly string[]).includes(name))
      at(`unknown column "${name}"; the columns are barcode,quantity`);
  }
  for (const column of COLUMNS) {
    if (names.filter((n) => n === column).length > 1) at(`column "${column}" appears twice in the header`);
    if (!names.includes(column)) at(`the header has no "${column}" column; it needs barcode,quantity`);
  }
  if (errors.length > 0) return null;
  return { barcode: names.indexOf('barcode'), quantity: names.indexOf('quantity'), width: names.length };
}

function readRow(
  record: CsvRecord,
  layout: Layout,
  action: StockAction,
  unitOf: UnitLookup,
  problems: string[],
): StockLine | null {
  if (record.error) {
    problems.push(record.error);
    return null;
  }
  if (record.fields.length !== layout.width) {
    problems.push(`has ${record.fields.length} fields; the header has ${layout.width}`);
    return null;
  }
  const barcode = (record.fields[layout.barcode] ?? '').trim();
  const text = (record.fields[layout.quantity] ?? '').trim();
  if (barcode === '') {
    problems.push('barcode is missing');
    return null;
  }
  const checked = checkGtin(barcode);
  if (!checked.ok) {
    problems.push(`barcode ${checked.message}`);
    return null;
  }
  const unit = unitOf(checked.gtin14);
  if (unit === null) {
    problems.push(`barcode ${barcode} is not in this store's catalog`);
    return null;
  }
  const quantity = parseQuantity(text, unit, action, problems);
  return quantity === null ? null : { gtin: checked.gtin14, quantity };
}

function parseQuantity(text: string, unit: Unit, action: StockAction, problems: string[]): number | null {
  if (text === '') {
    problems.push('quantity is missing');
    return null;
  }
  const match = QUANTITY.exec(text);
  if (!match) {
    problems.push(`quantity "${text}" is not a number like 12${unit === 'kg' ? ' or 1.250 (kg)' : ''}`);
    return null;
  }
  const [, sign, whole, fraction] = match;
  if (unit === 'each' && fraction !== undefined) {
    problems.push(`quantity "${text}" must be whole pieces: this item is sold each`);
    return null;
  }
  const magnitude =
    unit === 'kg' ? Number(whole) * 1000 + Number((fraction ?? '').padEnd(3, '0')) : Number(whole);
  const quantity = sign === '-' ? -magnitude : magnitude;
  const problem = quantityProblem(quantity, sign !== '', action);
  if (problem) {
    problems.push(`quantity "${text}"${unit === 'kg' ? ' kg' : ''}: ${problem}`);
    return null;
  }
  return quantity;
}

/** Why a quantity does not fit the action, or null when it does. */
function quantityProblem(quantity: number, signed: boolean, action: StockAction): string | null {
  if (action === 'adjust') return quantity === 0 ? 'an adjustment must not be 0' : null;
  if (signed)
    return `a ${action} takes no sign${action === 'count' ? '' : ' (use adjust to take stock out)'}`;
  if (action !== 'count' && quantity === 0) return `a ${action} must be more than 0`;
  return null;
}
