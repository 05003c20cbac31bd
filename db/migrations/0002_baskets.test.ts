import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';

const T = '2025-01-01T10:00:00.000Z';
const temp = useTempDatabase(2);

const tables = () =>
  (temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );
const basket = (id: string, status = 'open', currency = 'EUR') =>
  temp.db
    .prepare('INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, status, currency, T, T);
const line = (id: string, basketId: string, overrides: Record<string, unknown> = {}) => {
  const row = {
    id,
    basket_id: basketId,
    position: 1,
    gtin: '04006381333931',
    barcode: '4006381333931',
    name: 'Pencil',
    unit: 'each',
    unit_price: 129,
    quantity: 1,
    tax_rate_bp: 1900,
    age_limit: null,
    added_at: T,
    updated_at: T,
    ...overrides,
  };
  const cols = Object.keys(row);
  temp.db
    .prepare(`INSERT INTO basket_lines (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
    .run(row);
};

describe('migration 0002_baskets', () => {
  it('creates baskets and basket_lines at schema version 2, and nothing of later migrations', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables()).toEqual(expect.arrayContaining(['baskets', 'basket_lines']));
    expect(tables()).not.toContain('payments');
    basket('b1');
    line('l1', 'b1');
    expect(temp.db.prepare('SELECT quantity, unit_price FROM basket_lines').get()).toEqual({
      quantity: 1,
      unit_price: 129,
    });
  });

  it('refuses a bad status or currency', () => {
    expect(() => basket('b1', 'lost')).toThrow(/CHECK/);
    expect(() => basket('b2', 'open', 'eur')).toThrow(/CHECK/);
  });

  it('allows only one basket that is not closed', () => {
    basket('b1', 'closed');
    basket('b2', 'closed');
    basket('b3', 'paying');
    expect(() => basket('b4', 'open')).toThrow(/UNIQUE/);
  });

  it('refuses lines with bad data', () => {
    basket('b1');
    expect(() => line('l1', 'b1', { gtin: '4006381333931' })).toThrow(/CHECK/);
    expect(() => line('l2', 'b1', { quantity: 0 })).toThrow(/CHECK/);
    expect(() => line('l3', 'b1', { unit_price: 1.29 })).toThrow(/INTEGER/);
    expect(() => line('l4', 'b1', { unit: 'lb' })).toThrow(/CHECK/);
    expect(() => line('l5', 'b1', { tax_rate_bp: 10001 })).toThrow(/CHECK/);
    expect(() => line('l6', 'nope')).toThrow(/basket is not open/);
    line('l7', 'b1');
    expect(() => line('l8', 'b1')).toThrow(/UNIQUE/); // same position twice
  });

  it('refuses a line that points at no basket (foreign key)', () => {
    temp.db.exec('DROP TRIGGER basket_lines_insert_open_only');
    expect(() => line('l1', 'nope')).toThrow(/FOREIGN KEY/);
  });

  it('freezes the lines of a basket that is not open and never deletes lines or baskets', () => {
    basket('b1');
    line('l1', 'b1');
    temp.db.prepare("UPDATE baskets SET status = 'paying' WHERE id = 'b1'").run();
    expect(() => line('l2', 'b1', { position: 2 })).toThrow(/basket is not open/);
    expect(() => temp.db.prepare('UPDATE basket_lines SET quantity = 5').run()).toThrow(/basket is not open/);
    expect(() => temp.db.prepare('DELETE FROM basket_lines').run()).toThrow(/never deleted/);
    expect(() => temp.db.prepare('DELETE FROM baskets').run()).toThrow(/never deleted/);
    expect(temp.db.prepare('SELECT quantity FROM basket_lines').get()).toEqual({ quantity: 1 });
  });

  it('refuses status moves outside open→paying→paid→closed, paying→open and open→closed', () => {
    basket('b1');
    const move = (to: string) => temp.db.prepare('UPDATE baskets SET status = ? WHERE id = ?').run(to, 'b1');
    expect(() => move('paid')).toThrow(/illegal basket status change/);
    move('paying');
    move('open');
    move('paying');
    expect(() => move('closed')).toThrow(/illegal basket status change/);
    move('paid');
    expect(() => move('open')).toThrow(/illegal basket status change/);
    move('closed');
    expect(() => move('open')).toThrow(/illegal basket status change/);
  });
});
