/**
 * Validates catalog CSV records into products. Every problem of every row is reported with its line
 * number, so a store fixes a file in one pass instead of one error per attempt.
 */
import { checkGtin } from '../barcode/gtin';
import { currencyExponent, parseDecimalToMinor } from '../money';
import type { Product, Unit } from '../types';
import type { CsvRecord } from './csv';
import { parseNetContent } from './net-content';
import { parseMaxPerBasket, parseNoSaleCell } from './restriction-columns';
import { NAME_PREFIX, parseGrid, parsePlu, readNameColumn, type NameColumn } from './produce-columns';

export interface CatalogRowError {
  /** The 1-based line of the file the record starts on. */
  line: number;
  /** What was wrong, without the line number: `price "12,50" is not a decimal like 12.50`. */
  message: string;
}

export interface ValidateOptions {
  /** The store currency; prices are decimals in it ("12.50" CNY → 1250 fen). */
  currency: string;
  /** Tax rate for rows without one, in basis points; without it a missing tax_rate is an error. */
  defaultTaxRateBp?: number;
}

export interface ValidatedCatalog {
  products: Product[];
  errors: CatalogRowError[];
}

export const REQUIRED_COLUMNS = ['barcode', 'name', 'price'] as const;
/** Besides these, any number of `name_<BCP 47 tag>` columns (./produce-columns.ts). */
export const OPTIONAL_COLUMNS = [
  'tax_rate',
  'unit',
  'age_limit',
  'department',
  'plu',
  'grid',
  'net_content',
  'max_per_basket',
  'no_sale',
] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** Column name → field index in each record. */
type Layout = Partial<Record<Column, number>>;

interface Context extends ValidateOptions {
  exponent: number;
  layout: Layout;
  names: NameColumn[];
  width: number;
  /**
   * GTIN-14 → line × 16 + length of the barcode as first written. The length is enough to print it
   * again (every form of a GTIN is the same digits with leading zeros), and a number costs no object.
   */
  seen: Map<string, number>;
  /** PLU → the line it is first on: one PLU names one product. */
  plus: Map<string, number>;
}

/** Checks a header record and every row after it, returning the good products and all errors. */
export function validateCatalogRows(
  records: Iterable<CsvRecord>,
  options: ValidateOptions,
): ValidatedCatalog {
  const errors: CatalogRowError[] = [];
  const products = [...catalogProducts(records, options, errors)];
  return { products, errors };
}

/**
 * The streaming form of validateCatalogRows: yields each good product as its row is read and
 * appends every problem to `errors`, so a large file is checked and written without holding it all.
 */
export function* catalogProducts(
  records: Iterable<CsvRecord>,
  options: ValidateOptions,
  errors: CatalogRowError[],
): Generator<Product> {
  const iterator = records[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) {
    errors.push({
      line: 1,
      message: `the file is empty; its first line must be a header like ${REQUIRED_COLUMNS}`,
    });
    return;
  }
  const header = readHeader(first.value);
  if ('errors' in header) {
    errors.push(...header.errors);
    return;
  }
  const context: Context = {
    ...options,
    exponent: currencyExponent(options.currency),
    layout: header.layout,
    names: header.names,
    width: first.value.fields.length,
    seen: new Map(),
    plus: new Map(),
  };
  const problems: string[] = [];
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const product = validateRow(next.value, context, problems);
    if (product) yield product;
    else for (const message of problems) errors.push({ line: next.value.line, message });
    problems.length = 0;
  }
}

function readHeader(
  record: CsvRecord,
): { layout: Layout; names: NameColumn[] } | { errors: CatalogRowError[] } {
  const at = (message: string) => ({ line: record.line, message });
  if (record.error) return { errors: [at(`the header is malformed: ${record.error}`)] };
  const layout: Layout = {};
  const names: NameColumn[] = [];
  const errors: CatalogRowError[] = [];
  record.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name.startsWith(NAME_PREFIX)) {
      const column = readNameColumn(raw, index, names);
      if ('error' in column) errors.push(at(column.error));
      else names.push(column);
    } else if (!isColumn(name)) {
      const hint = closestColumn(name);
      errors.push(
        at(
          `unknown column "${raw}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
            `the columns are ${ALL_COLUMNS.join(', ')} and ${NAME_PREFIX}<language> (like ${NAME_PREFIX}zh-CN)`,
        ),
      );
    } else if (layout[name] !== undefined) {
      errors.push(at(`column "${name}" appears twice in the header`));
    } else {
      layout[name] = index;
    }
  });
  for (const name of REQUIRED_COLUMNS) {
    if (layout[name] === undefined)
      errors.push(at(`the header has no "${name}" column; it needs ${REQUIRED_COLUMNS}`));
  }
  return errors.length > 0 ? { errors } : { layout, names };
}

function isColumn(name: string): name is Column {
  return (ALL_COLUMNS as readonly string[]).includes(name);
}

/** The known column a misspelt one most likely meant (at most two edits away), if any. */
function closestColumn(name: string): Column | undefined {
  let best: Column | undefined;
  let bestDistance = 3;
  for (const column of ALL_COLUMNS) {
    const distance = editDistance(name, column);
    if (distance < bestDistance) [best, bestDistance] = [column, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** One data row: the product, or null with every problem found in it pushed to `problems`. */
function validateRow(record: CsvRecord, context: Context, problems: string[]): Product | null {
  if (record.error) {
    problems.push(record.error);
    return null;
  }
  const { fields } = record;
  if (fields.length !== context.width) {
    problems.push(
      `has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${context.width}` +
        (fields.length > context.width ? ' (a value with a comma must be in double quotes)' : ''),
    );
    return null;
  }
  const { layout } = context;
  const barcode = field(fields, layout.barcode);
  const gtin = parseBarcode(barcode, record.line, context, problems);
  const name = field(fields, layout.name);
  if (name === '') problems.push('name is missing');
  else checkText('name', name, MAX_NAME, problems);
  const price = parsePrice(field(fields, layout.price), context.exponent, problems);
  const taxRateBp = parseTaxRate(field(fields, layout.tax_rate), context.defaultTaxRateBp, problems);
  const unit = parseUnit(field(fields, layout.unit), problems);
  const ageLimit = parseAgeLimit(field(fields, layout.age_limit), problems);
  const department = field(fields, layout.department);
  checkText('department', department, MAX_DEPARTMENT, problems);
  const names = readNames(fields, context.names, problems);
  const plu = parsePlu(field(fields, layout.plu), problems);
  if (plu !== null) checkPluOnce(plu, record.line, context, problems);
  const grid = parseGrid(field(fields, layout.grid), plu, problems);
  const netContent = parseNetContent(field(fields, layout.net_content), problems);
  if (netContent && unit === 'kg')
    problems.push('net_content is for items sold by the piece; an item of unit kg is priced per kg already');
  const maxPerBasket = parseMaxPerBasket(field(fields, layout.max_per_basket), problems);
  const noSale = parseNoSaleCell(field(fields, layout.no_sale), problems);
  if (problems.length > 0) return null;
  return {
    gtin,
    barcode,
    name,
    price,
    taxRateBp,
    unit,
    ageLimit,
    department: department === '' ? null : department,
    // Only what the file has: a catalog without these columns makes the same products as before.
    ...(names ? { names } : {}),
    ...(plu !== null ? { plu } : {}),
    ...(grid ? { grid } : {}),
    ...(netContent ? { netContent } : {}),
    // Present only when the file has the column: without it HQ keeps the restrictions it has.
    ...(layout.max_per_basket !== undefined ? { maxPerBasket } : {}),
    ...(layout.no_sale !== undefined ? { noSale } : {}),
  };
}

/** The row's names in other languages; an empty cell is no name (the shopper sees `name`). */
function readNames(
  fields: string[],
  columns: readonly NameColumn[],
  problems: string[],
): Record<string, string> | null {
  let names: Record<string, string> | null = null;
  for (const { tag, index } of columns) {
    const text = field(fields, index);
    if (text === '') continue;
    checkText(`${NAME_PREFIX}${tag}`, text, MAX_NAME, problems);
    (names ??= {})[tag] = text;
  }
  return names;
}

function checkPluOnce(plu: string, line: number, context: Context, problems: string[]): void {
  const first = context.plus.get(plu);
  if (first === undefined) context.plus.set(plu, line);
  else problems.push(`plu ${plu} is already on line ${first}`);
}

/** Longest product name, in characters: two printed receipt lines and then some. */
export const MAX_NAME = 200;
/** Longest department name, in characters. */
export const MAX_DEPARTMENT = 80;

/**
 * A name goes to screens, HQ and the receipt printer: a control character (a printer command, a line
 * break) has no place in it, and a field of megabytes would bloat every sync of the catalog.
 */
function checkText(column: string, text: string, max: number, problems: string[]): void {
  const length = [...text].length;
  if (length > max) problems.push(`${column} has ${length} characters; at most ${max} are allowed`);
  // eslint-disable-next-line no-control-regex -- C0 and DEL are what is refused
  const control = /[\u0000-\u001f\u007f]/.exec(text)?.[0];
  if (control !== undefined) {
    const code = control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problems.push(`${column} contains the control character U+${code}; remove it`);
  }
}

// Each parser pushes its problem and returns a placeholder, so one row reports all of its problems.

function field(fields: string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

function parseBarcode(barcode: string, line: number, context: Context, problems: string[]): string {
  if (barcode === '') {
    problems.push('barcode is missing');
    return '';
  }
  const checked = checkGtin(barcode);
  if (!checked.ok) {
    problems.push(`barcode ${checked.message}`);
    return '';
  }
  const first = context.seen.get(checked.gtin14);
  if (first === undefined) {
    context.seen.set(checked.gtin14, line * 16 + barcode.length);
  } else {
    const firstBarcode = checked.gtin14.slice(14 - (first % 16));
    const same = firstBarcode === barcode ? '' : ` as "${firstBarcode}" (both are GTIN ${checked.gtin14})`;
    problems.push(`barcode "${barcode}" is already on line ${Math.floor(first / 16)}${same}`);
  }
  return checked.gtin14;
}

function parsePrice(text: string, exponent: number, problems: string[]): number {
  const minor = text === '' ? null : parseDecimalToMinor(text, exponent);
  if (minor !== null) return minor;
  const decimals = /^\d+\.(\d+)$/.exec(text)?.[1];
  if (text === '') problems.push('price is missing');
  else if (text.startsWith('-')) problems.push(`price "${text}" is negative`);
  else if (decimals !== undefined && decimals.length > exponent) {
    problems.push(`price "${text}" has ${decimals.length} decimals; the store currency has ${exponent}`);
  } else {
    const example = exponent === 0 ? '12' : `12.${'5'.padEnd(exponent, '0')}`;
    problems.push(`price "${text}" is not a decimal like ${example}`);
  }
  return 0;
}

function parseTaxRate(text: string, fallback: number | undefined, problems: string[]): number {
  if (text === '') {
    if (fallback === undefined) problems.push('tax_rate is missing and no default tax rate is set');
    return fallback ?? 0;
  }
  // A percentage with at most 2 decimals is exactly a count of basis points.
  const bp = parseDecimalToMinor(text.endsWith('%') ? text.slice(0, -1) : text, 2);
  if (bp === null || bp > 10_000) {
    problems.push(
      `tax_rate "${text}" is not a percentage from 0 to 100 with at most 2 decimals, like 13 or 7.5`,
    );
    return 0;
  }
  return bp;
}

function parseUnit(text: string, problems: string[]): Unit {
  if (text === '' || text === 'each' || text === 'kg') return text === 'kg' ? 'kg' : 'each';
  const unit = text.toLowerCase();
  if (unit === 'each' || unit === 'kg') return unit;
  problems.push(`unit "${text}" is not "each" or "kg"`);
  return 'each';
}

function parseAgeLimit(text: string, problems: string[]): number | null {
  if (text === '') return null;
  if (!/^\d{1,2}$/.test(text)) {
    problems.push(`age_limit "${text}" is not a whole number of years from 0 to 99`);
    return null;
  }
  const age = Number(text);
  return age === 0 ? null : age;
}
