import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(9);
const rows = migrationRows(temp);
const { basket } = rows;
/** Each basket's payment has the basket's id. */
const payment = (basketId: string, overrides: Record<string, unknown> = {}) =>
  rows.payment(basketId, { basket_id: basketId, ...overrides });

const confirmedBy = (id: string) =>
  (
    temp.db.prepare('SELECT confirmed_by FROM payments WHERE id = ?').get(id) as {
      confirmed_by: string | null;
    }
  ).confirmed_by;
const confirm = (id: string, who: string) =>
  temp.db.prepare('UPDATE payments SET confirmed_by = ? WHERE id = ?').run(who, id);

describe('migration 0010_payment_override', () => {
  it('leaves every earlier payment confirmed by nobody (the provider)', () => {
    basket('b1');
    payment('b1', { status: 'paid' });
    migrate(temp.db, { target: 10 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(10);
    expect(confirmedBy('b1')).toBeNull();
  });

  it('names the attendant of a pending or unknown payment, once, and it stays when it turns paid', () => {
    migrate(temp.db, { target: 10 });
    basket('b1');
    basket('b2', 'closed');
    payment('b1');
    payment('b2', { status: 'unknown' });
    confirm('b1', 'A01');
    confirm('b2', 'A02');
    expect(() => confirm('b1', 'A03')).toThrow(/set once/);
    expect(() => temp.db.prepare("UPDATE payments SET confirmed_by = NULL WHERE id = 'b1'").run()).toThrow(
      /set once/,
    );
    temp.db.prepare("UPDATE payments SET status = 'paid' WHERE id = 'b1'").run();
    expect([confirmedBy('b1'), confirmedBy('b2')]).toEqual(['A01', 'A02']);
  });

  it('refuses it on a final or just-created payment, an empty one, and on insert', () => {
    migrate(temp.db, { target: 10 });
    basket('b1', 'closed');
    basket('b2', 'closed');
    basket('b3', 'closed');
    basket('b4');
    payment('b1', { status: 'declined' });
    payment('b2', { status: 'created' });
    payment('b3');
    expect(() => confirm('b1', 'A01')).toThrow(/set once|final/);
    expect(() => confirm('b2', 'A01')).toThrow(/set once/);
    expect(() => confirm('b3', '')).toThrow(/CHECK/);
    expect(() => payment('b4', { confirmed_by: 'A01' })).toThrow(/only after it was stored/);
  });
});
