// Editing one product from the back office. The edited product is written out as one row of the catalog
// file and checked by the very validator the CSV import uses (core/catalog/import-rows.ts), so a name,
// a PLU or a net content is refused with the same sentence whether it came from a file or a form. A
// change that changes something takes the next catalog version, exactly as an import does, so every
// terminal pulls it with its next sync; the audit row is written in the same transaction.
import { readCsv } from '../../core/catalog/csv';
import { catalogProducts, type CatalogRowError } from '../../core/catalog/import-rows';
import { currencyExponent, minorToDecimal, parseDecimalToMinor } from '../../core/money';
import type { Product } from '../../core/types';
import { findStore } from '../auth/enrolment';
import type { Database, Queryable } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import { fail, type HttpFailure } from '../result';
import { catalogFields, readProduct, type ProductDetail } from './product';
import { takeCatalogVersion, writeAtNextVersion } from './version';
import { deleteStorePrices, upsertChainProducts, upsertStorePrices } from './write';

/** What a form sends: the catalog file's cells (a price as "12.90", a tax rate as "13"); absent = unchanged. */
export interface ProductEdit {
  name?: string;
  /** Every other-language name the product keeps (a language left out loses its name). */
  names?: Record<string, string>;
  price?: string;
  taxRate?: string;
  unit?: 'each' | 'kg';
  department?: string;
  plu?: string;
  grid?: boolean;
  netContent?: string;
}

export type EditResult =
  { ok: true; product: ProductDetail; changed: boolean; version: number | null } | HttpFailure;

const notFound = (gtin: string) => fail(404, 'product_not_found', `HQ has no product ${gtin}`);

export async function editProduct(
  db: Database,
  actor: Actor,
  gtin: string,
  edit: ProductEdit,
): Promise<EditResult> {
  return db.transaction(async (tx) => {
    // Checked first without a lock: a refused or unchanged save never touches the version counter.
    const seen = await checkEdit(tx, gtin, edit, false);
    if (!('after' in seen)) return seen.failure ?? { ok: true as const, ...unchanged(seen.before) };
    // The version's lock before the row's, the order every catalog writer keeps (an import holds the
    // version while it writes products), then everything again on the row as last committed.
    const written = await writeAtNextVersion(
      tx,
      async (version): Promise<EditResult | null> => {
        const locked = await checkEdit(tx, gtin, edit, true);
        if (!('after' in locked)) return locked.failure ?? null;
        const { before, after } = locked;
        await upsertChainProducts(tx, [after], before.currency, version);
        await recordAudit(tx, actor, {
          action: 'product.update',
          targetType: 'product',
          targetId: gtin,
          before: catalogFields(before),
          after: catalogFields(after),
        });
        return { ok: true as const, product: (await readProduct(tx, gtin))!, changed: true, version };
      },
      (result) => result?.ok === true,
    );
    if (written.result) return written.result;
    return { ok: true as const, ...unchanged((await readProduct(tx, gtin))!) };
  });
}

const unchanged = (product: ProductDetail) => ({ product, changed: false, version: null });

type CheckedEdit =
  | { before: ProductDetail; after: Product }
  | { before: ProductDetail; failure: null }
  | { failure: HttpFailure };

/** The product before and after the edit; `failure: null` when the edit changes nothing. */
async function checkEdit(
  tx: Queryable,
  gtin: string,
  edit: ProductEdit,
  lock: boolean,
): Promise<CheckedEdit> {
  const before = await readProduct(tx, gtin, { forUpdate: lock });
  if (!before || before.deleted) return { failure: notFound(gtin) };
  const checked = validate(before, edit);
  if ('problems' in checked)
    return {
      failure: fail(400, 'product_invalid', `the product was not changed: ${checked.problems.join('; ')}`),
    };
  const after = checked.product;
  if (after.plu && after.plu !== before.plu) {
    const { rows } = await tx.query<{ barcode: string; name: string }>(
      'SELECT barcode, name FROM products WHERE plu = $1 AND gtin <> $2 AND NOT deleted LIMIT 1',
      [after.plu, gtin],
    );
    if (rows[0])
      return {
        failure: fail(409, 'plu_taken', `PLU ${after.plu} is already ${rows[0].name} (${rows[0].barcode})`),
      };
  }
  if (sameJson(catalogFields(before), catalogFields(after))) return { before, failure: null };
  return { before, after };
}

/** JSON equality regardless of key order (jsonb gives `names` back in its own order, a form in the reader's). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The edited product through the catalog file's validator: the product, or every problem. */
function validate(before: ProductDetail, edit: ProductEdit): { product: Product } | { problems: string[] } {
  const exponent = currencyExponent(before.currency);
  const names = edit.names ?? before.names ?? {};
  const tags = Object.keys(names).filter((tag) => names[tag]!.trim() !== '');
  const net = before.netContent ? `${before.netContent.amount} ${before.netContent.unit}` : '';
  const cells: [string, string][] = [
    ['barcode', before.barcode],
    ['name', edit.name ?? before.name],
    ['price', edit.price ?? minorToDecimal(before.price, exponent)],
    ['tax_rate', edit.taxRate ?? minorToDecimal(before.taxRateBp, 2)],
    ['unit', edit.unit ?? before.unit],
    ['age_limit', before.ageLimit === null ? '' : String(before.ageLimit)],
    ['department', edit.department ?? before.department ?? ''],
    ['plu', edit.plu ?? before.plu ?? ''],
    ['grid', (edit.grid ?? before.grid) ? 'yes' : 'no'],
    ['net_content', edit.netContent ?? net],
    ...tags.map((tag): [string, string] => [`name_${tag}`, names[tag]!]),
  ];
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const csv = `${cells.map(([c]) => quote(c)).join(',')}\n${cells.map(([, v]) => quote(v.trim())).join(',')}\n`;
  const errors: CatalogRowError[] = [];
  const [product] = [...catalogProducts(readCsv(csv), { currency: before.currency }, errors)];
  if (errors.length > 0 || !product) return { problems: errors.map((e) => e.message) };
  return { product: { ...product, gtin: before.gtin } };
}

export type StorePriceResult = { ok: true; product: ProductDetail; version: number | null } | HttpFailure;

/** Sets (a price "12.50") or removes (null) one store's price for a product. */
export async function setStorePrice(
  db: Database,
  actor: Actor,
  gtin: string,
  store: string,
  priceText: string | null,
): Promise<StorePriceResult> {
  return db.transaction(async (tx) => {
    const product = await readProduct(tx, gtin, { forUpdate: true });
    if (!product || product.deleted) return notFound(gtin);
    const storeId = await findStore(tx, store);
    if (!storeId) return fail(404, 'store_not_found', `there is no store "${store}"`);
    const before = product.storePrices.find((s) => s.store === store)?.price ?? null;
    let price: number | null = null;
    if (priceText !== null) {
      const exponent = currencyExponent(product.currency);
      price = parseDecimalToMinor(priceText, exponent);
      if (price === null)
        return fail(
          400,
          'bad_price',
          `price "${priceText}" is not an amount like ${minorToDecimal(1250, exponent)} in ${product.currency}`,
        );
    }
    if (price === before) return { ok: true as const, product, version: null };
    const version = await takeCatalogVersion(tx);
    if (price === null) await deleteStorePrices(tx, storeId, [gtin], version);
    else await upsertStorePrices(tx, storeId, [{ gtin, price }], version);
    await recordAudit(tx, actor, {
      action: price === null ? 'store_price.remove' : 'store_price.set',
      targetType: 'product',
      targetId: gtin,
      store,
      before: before === null ? null : { price: before },
      after: price === null ? null : { price },
    });
    return { ok: true as const, product: (await readProduct(tx, gtin))!, version };
  });
}
