import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const T = '2025-01-01T10:00:00.000Z';
const temp = useTempDatabase(8);

const insert = (table: string, row: Record<string, unknown>) => {
  const cols = Object.keys(row);
  return temp.db
    .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
    .run(row);
};
const basket = (id: string) =>
  insert('baskets', { id, status: 'paying', currency: 'CNY', created_at: T, updated_at: T });
const payment = (id: string, overrides: Record<string, unknown> = {}) =>
  insert('payments', {
    id,
    basket_id: 'b1',
    reference: `OL${id}`,
    provider: 'simulator',
    status: 'pending',
    amount: 2140,
    currency: 'CNY',
    expires_at: T,
    created_at: T,
    updated_at: T,
    ...overrides,
  });
const wallet = (id: string) =>
  (temp.db.prepare('SELECT wallet FROM payments WHERE id = ?').get(id) as { wallet: string | null }).wallet;
const code = { method: 'customer_presented', masked_code: '1345****7788' };

describe('migration 0009_payment_wallet', () => {
  it('leaves every earlier payment without a wallet', () => {
    basket('b1');
    payment('p1', { ...code, status: 'declined' });
    payment('p2', {});
    migrate(temp.db, { target: 9 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(9);
    expect([wallet('p1'), wallet('p2')]).toEqual([null, null]);
  });

  it('names the wallet of a charged code, and only of one', () => {
    migrate(temp.db, { target: 9 });
    basket('b1');
    payment('p1', { ...code, wallet: 'wechat', status: 'declined' });
    expect(wallet('p1')).toBe('wechat');
    expect(() => payment('p2', { wallet: 'alipay' })).toThrow(/only a customer-presented payment/);
    expect(() => payment('p3', { ...code, wallet: '' })).toThrow(/CHECK/);
  });

  it('never lets the wallet change once stored', () => {
    migrate(temp.db, { target: 9 });
    basket('b1');
    payment('p1', { ...code, wallet: 'wechat' });
    expect(() => temp.db.prepare("UPDATE payments SET wallet = 'alipay'").run()).toThrow(/cannot change/);
    temp.db.prepare("UPDATE payments SET status = 'paid' WHERE id = 'p1'").run();
    expect(wallet('p1')).toBe('wechat');
  });
});
