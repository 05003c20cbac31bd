// Rows written straight into a terminal database held at an older schema version, for the tests of
// one migration: every column a table has needed since it was made, each one overridable.
import type { Database } from '../../db/open';

/** The time every row is stamped with. */
export const T = '2025-01-01T10:00:00.000Z';

export interface RowDefaults {
  currency?: string;
  amount?: number;
  provider?: string;
}

/** Writers for `temp.db` as it is when called (useTempDatabase gives each test its own). */
export function migrationRows(temp: { readonly db: Database }, defaults: RowDefaults = {}) {
  const { currency = 'CNY', amount = 2140, provider = 'simulator' } = defaults;
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    return temp.db
      .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
      .run(row);
  };
  return {
    insert,
    /** Only one basket may be current (open or paying); the others are finished. */
    basket: (id: string, status = 'paying') =>
      insert('baskets', { id, status, currency, created_at: T, updated_at: T }),
    /** A pending payment of basket b1, unless `overrides` say otherwise. */
    payment: (id: string, overrides: Record<string, unknown> = {}) =>
      insert('payments', {
        id,
        basket_id: 'b1',
        reference: `OL${id}`,
        provider,
        status: 'pending',
        amount,
        currency,
        expires_at: T,
        created_at: T,
        updated_at: T,
        ...overrides,
      }),
    /** Sale s<n> of basket b<n> paid by payment p<n> (receipt number n), unless `overrides` say otherwise. */
    sale: (n: number, overrides: Record<string, unknown> = {}) =>
      insert('sales', {
        id: `s${n}`,
        basket_id: `b${n}`,
        payment_id: `p${n}`,
        receipt_number: `S001-K01-${String(n).padStart(6, '0')}`,
        sequence: n,
        store_id: 'S001',
        terminal_id: 'K01',
        currency,
        total: amount,
        tax_total: 0,
        sold_at: T,
        receipt_json: '{"lines":[]}',
        ...overrides,
      }),
  };
}
