import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(14);
const { insert, basket } = migrationRows(temp);
const call = (id: string, values: Record<string, unknown> = {}) =>
  insert('lane_calls', { id, kind: 'help', detail: '', raised_at: '2026-12-07T03:00:00.000Z', ...values });

describe('migration 0015_lane_calls', () => {
  it('adds the lane tables to a store at 14, keeping its baskets', () => {
    basket('b1');
    migrate(temp.db, { target: 15 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(15);
    call('c1');
    call('c2', { kind: 'payment-unconfirmed', payment_id: 'p1' });
    temp.db.prepare(`INSERT INTO lane_mode (one, mode, changed_at) VALUES (1, 'paused', 'now')`).run();
    expect(temp.db.prepare('SELECT id, kind FROM lane_calls ORDER BY id').all()).toEqual([
      { id: 'c1', kind: 'help' },
      { id: 'c2', kind: 'payment-unconfirmed' },
    ]);
    expect(temp.db.prepare('SELECT count(*) AS n FROM baskets').get()).toEqual({ n: 1 });
  });

  it('refuses a call of a kind it does not know, an over-long detail, a second mode row or a bad mode', () => {
    migrate(temp.db, { target: 15 });
    expect(() => call('c1', { kind: 'coffee' })).toThrow(/CHECK/);
    expect(() => call('c2', { detail: 'x'.repeat(201) })).toThrow(/CHECK/);
    const mode = temp.db.prepare(`INSERT INTO lane_mode (one, mode, changed_at) VALUES (?, ?, 'now')`);
    expect(() => mode.run(2, 'open')).toThrow(/CHECK/);
    expect(() => mode.run(1, 'asleep')).toThrow(/CHECK/);
  });
});
