import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';

const T = '2025-01-01T10:00:00.000Z';
const temp = useTempDatabase(5);

const basket = (id: string) =>
  temp.db
    .prepare(
      "INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES (?, 'open', 'CNY', ?, ?)",
    )
    .run(id, T, T);
const line = (id: string, basketId: string, position: number, extra: Record<string, unknown> = {}) => {
  const row = {
    id,
    basket_id: basketId,
    position,
    gtin: '09506000134352',
    barcode: '09506000134352',
    name: 'Infant formula 800 g',
    unit: 'each',
    unit_price: 25900,
    quantity: 1,
    tax_rate_bp: 1300,
    added_at: T,
    updated_at: T,
    ...extra,
  };
  const cols = Object.keys(row);
  temp.db
    .prepare(`INSERT INTO basket_lines (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
    .run(row);
};

describe('migration 0005_traceability', () => {
  it('is schema version 5 with a recall list', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(5);
    temp.db
      .prepare('INSERT INTO recalls (gtin, kind, value, reason, added_at) VALUES (?, ?, ?, ?, ?)')
      .run('09506000134352', 'lot', 'L2411', 'Salmonella', T);
    expect(() =>
      temp.db
        .prepare('INSERT INTO recalls (gtin, kind, value, reason, added_at) VALUES (?, ?, ?, ?, ?)')
        .run('09506000134352', 'batch', 'L2411', 'x', T),
    ).toThrow(/CHECK/);
  });

  it('lets a serial be live on one line only; a removed line frees it', () => {
    basket('b1');
    line('l1', 'b1', 1, { serial: 'SER-1', lot: 'L1', expiry: '2027-01-31' });
    expect(() => line('l2', 'b1', 2, { serial: 'SER-1' })).toThrow(/UNIQUE/);
    temp.db.prepare("UPDATE basket_lines SET removed_at = ? WHERE id = 'l1'").run(T);
    line('l3', 'b1', 3, { serial: 'SER-1' });
    line('l4', 'b1', 4, { serial: 'SER-2' });
  });

  it('refuses a malformed expiry, an empty lot and an empty member', () => {
    basket('b1');
    expect(() => line('l1', 'b1', 1, { expiry: '31/01/2027' })).toThrow(/CHECK/);
    expect(() => line('l1', 'b1', 1, { lot: '' })).toThrow(/CHECK/);
    expect(() => temp.db.prepare("UPDATE baskets SET member_id = '' WHERE id = 'b1'").run()).toThrow(/CHECK/);
  });
});
