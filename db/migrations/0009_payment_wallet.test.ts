import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(8);
const { basket, payment } = migrationRows(temp);

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
