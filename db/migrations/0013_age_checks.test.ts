import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(12);
const { insert, basket } = migrationRows(temp);
const check = (id: string, values: Record<string, unknown> = {}) =>
  insert('age_checks', {
    id,
    basket_id: 'b1',
    decision: 'approved',
    age_limit: 18,
    covers_position: 1,
    attendant_id: 'A01',
    via: 'lane',
    decided_at: '2026-12-07T03:00:00.000Z',
    ...values,
  });

describe('migration 0013_age_checks', () => {
  it('adds the table to a store at 12, keeping its baskets', () => {
    basket('b1');
    migrate(temp.db, { target: 13 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(13);
    check('c1', { age: 30, birth_year: 1996 });
    check('c2', { decision: 'refused', via: 'console' });
    expect(temp.db.prepare('SELECT id, decision FROM age_checks ORDER BY id').all()).toEqual([
      { id: 'c1', decision: 'approved' },
      { id: 'c2', decision: 'refused' },
    ]);
  });

  it('refuses a bad decision, limit, place or age, and a basket it does not know', () => {
    migrate(temp.db, { target: 13 });
    basket('b1');
    expect(() => check('c1', { decision: 'maybe' })).toThrow(/CHECK/);
    expect(() => check('c2', { age_limit: 0 })).toThrow(/CHECK/);
    expect(() => check('c3', { via: 'phone' })).toThrow(/CHECK/);
    expect(() => check('c4', { age: 200 })).toThrow(/CHECK/);
    expect(() => check('c5', { attendant_id: '' })).toThrow(/CHECK/);
    expect(() => check('c6', { basket_id: 'nope' })).toThrow(/FOREIGN KEY/);
  });

  it('keeps a decision as written', () => {
    migrate(temp.db, { target: 13 });
    basket('b1');
    check('c1');
    expect(() => temp.db.prepare("UPDATE age_checks SET decision = 'refused'").run()).toThrow(/written once/);
    expect(() => temp.db.prepare('DELETE FROM age_checks').run()).toThrow(/written once/);
  });
});
