// Dated price changes from the back office: one product's changes (upcoming, past, cancelled), one
// scheduled from a form, an upcoming one cancelled. Each takes the next price-change version exactly as
// the CSV import does (server/prices/import.ts); a cancelled change is sent again with `cancelled: true`
// and the terminal forgets it. Each also takes a catalog version, which HQ announces on its event stream
// (server/http/stream.ts): online lanes sync at once — an empty catalog page, then the price feed —
// instead of at their next periodic sync. Audited in the same transaction.
import { currencyExponent, minorToDecimal, parseDecimalToMinor } from '../../core/money';
import { findStore } from '../auth/enrolment';
import type { Database, Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import { fail, type HttpFailure } from '../result';
import { takeCatalogVersion } from '../catalog/version';
import { takePriceVersion } from './import';

export interface PriceChangeView {
  id: number;
  /** The store's code, or null for the whole chain. */
  store: string | null;
  price: number;
  currency: string;
  effectiveAt: string;
  status: 'upcoming' | 'in_force_or_past' | 'cancelled';
  cancelledAt: string | null;
  /** When HQ took it, and who (a back-office user; null for a CSV import). */
  takenAt: string;
  by: string | null;
}

/** An instant with its offset: 2026-12-08T06:00:00+08:00 or …Z (as the price file takes it). */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A product's changes, newest moment first; those of stores outside `stores` (when given) are left out. */
export async function listPriceChanges(
  q: Queryable,
  gtin: string,
  stores: readonly string[] | null,
  now = new Date(),
): Promise<PriceChangeView[]> {
  const { rows } = await q.query<{
    id: unknown;
    code: string | null;
    price: unknown;
    currency: string;
    effective_at: unknown;
    cancelled_at: unknown;
    imported_at: unknown;
    changed_by: string | null;
  }>(
    `SELECT c.id, s.code, c.price, p.currency, c.effective_at, c.cancelled_at, c.imported_at, c.changed_by
     FROM price_changes c JOIN products p ON p.gtin = c.gtin LEFT JOIN stores s ON s.id = c.store_id
     WHERE c.gtin = $1 AND (c.store_id IS NULL OR $2::text[] IS NULL OR s.code = ANY($2::text[]))
     ORDER BY c.effective_at DESC, c.id DESC LIMIT 500`,
    [gtin, stores],
  );
  return rows.map((r) => {
    const effectiveAt = toIso(r.effective_at);
    return {
      id: toNumber(r.id),
      store: r.code,
      price: toNumber(r.price),
      currency: r.currency,
      effectiveAt,
      status:
        r.cancelled_at !== null
          ? 'cancelled'
          : Date.parse(effectiveAt) > now.getTime()
            ? 'upcoming'
            : 'in_force_or_past',
      cancelledAt: r.cancelled_at === null ? null : toIso(r.cancelled_at),
      takenAt: toIso(r.imported_at),
      by: r.changed_by,
    };
  });
}

export interface ScheduleInput {
  price: string;
  effectiveAt: string;
  store?: string;
}

/** Schedules a change (or re-prices the one already at that moment and scope). */
export async function schedulePriceChange(
  db: Database,
  actor: Actor,
  gtin: string,
  input: ScheduleInput,
  now = new Date(),
): Promise<{ ok: true; change: PriceChangeView } | HttpFailure> {
  const at = INSTANT.test(input.effectiveAt) ? new Date(input.effectiveAt) : null;
  if (!at || !Number.isFinite(at.getTime()))
    return fail(
      400,
      'bad_time',
      `effectiveAt "${input.effectiveAt}" is not a time like 2026-12-08T06:00:00+08:00`,
    );
  if (at.getTime() <= now.getTime())
    return fail(
      400,
      'time_passed',
      `${input.effectiveAt} has passed: a price change must take effect in the future`,
    );
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ currency: string; deleted: boolean }>(
      'SELECT currency, deleted FROM products WHERE gtin = $1',
      [gtin],
    );
    const product = rows[0];
    if (!product || product.deleted) return fail(404, 'product_not_found', `HQ has no product ${gtin}`);
    const exponent = currencyExponent(product.currency);
    const price = parseDecimalToMinor(input.price, exponent);
    if (price === null)
      return fail(
        400,
        'bad_price',
        `price "${input.price}" is not an amount like ${minorToDecimal(1250, exponent)} in ${product.currency}`,
      );
    const storeId = input.store === undefined ? null : await findStore(tx, input.store);
    if (storeId === null && input.store !== undefined)
      return fail(404, 'store_not_found', `there is no store "${input.store}"`);
    const taken = await takePriceVersion(tx, 1);
    await takeCatalogVersion(tx); // the announcement (see the top of this file)
    const { rows: saved } = await tx.query<{ id: unknown }>(
      `INSERT INTO price_changes (id, store_id, gtin, price, effective_at, version, changed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (gtin, effective_at, coalesce(store_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET price = excluded.price, version = excluded.version, imported_at = now(),
         cancelled_at = NULL, changed_by = excluded.changed_by
       RETURNING id`,
      [taken.firstId, storeId, gtin, price, at.toISOString(), taken.version, actor.name],
    );
    const id = toNumber(saved[0]!.id);
    const after = { price, effectiveAt: at.toISOString(), store: input.store ?? null };
    await recordAudit(tx, actor, {
      action: 'price_change.schedule',
      targetType: 'product',
      targetId: gtin,
      store: input.store ?? null,
      after: { id, ...after },
    });
    const change = (await listPriceChanges(tx, gtin, null, now)).find((c) => c.id === id)!;
    return { ok: true as const, change };
  });
}

/** The change's product and store, to check who may cancel it before cancelling. */
export async function priceChangeScope(
  q: Queryable,
  id: number,
): Promise<{ gtin: string; store: string | null } | null> {
  const { rows } = await q.query<{ gtin: string; code: string | null }>(
    'SELECT c.gtin, s.code FROM price_changes c LEFT JOIN stores s ON s.id = c.store_id WHERE c.id = $1',
    [id],
  );
  return rows[0] ? { gtin: rows[0].gtin, store: rows[0].code } : null;
}

/** Cancels a change that has not taken effect yet. */
export async function cancelPriceChange(
  db: Database,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<{ ok: true; change: PriceChangeView } | HttpFailure> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      gtin: string;
      code: string | null;
      price: unknown;
      effective_at: unknown;
      cancelled_at: unknown;
    }>(
      `SELECT c.gtin, s.code, c.price, c.effective_at, c.cancelled_at
       FROM price_changes c LEFT JOIN stores s ON s.id = c.store_id WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    const row = rows[0];
    if (!row) return fail(404, 'price_change_not_found', `there is no price change ${id}`);
    if (row.cancelled_at !== null)
      return fail(409, 'already_cancelled', `price change ${id} was cancelled already`);
    const effectiveAt = toIso(row.effective_at);
    if (Date.parse(effectiveAt) <= now.getTime())
      return fail(
        409,
        'already_in_force',
        `price change ${id} took effect at ${effectiveAt}; schedule a new one instead`,
      );
    const taken = await takePriceVersion(tx, 0);
    await takeCatalogVersion(tx);
    await tx.query(
      'UPDATE price_changes SET cancelled_at = $2, version = $3, changed_by = $4 WHERE id = $1',
      [id, now.toISOString(), taken.version, actor.name],
    );
    await recordAudit(tx, actor, {
      action: 'price_change.cancel',
      targetType: 'product',
      targetId: row.gtin,
      store: row.code,
      before: { id, price: toNumber(row.price), effectiveAt, store: row.code },
      after: null,
    });
    const change = (await listPriceChanges(tx, row.gtin, null, now)).find((c) => c.id === id)!;
    return { ok: true as const, change };
  });
}
