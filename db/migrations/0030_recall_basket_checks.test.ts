import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(29);

const basket = () =>
  temp.db
    .prepare(
      "INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES ('b1', 'open', 'CNY', 'x', 'x')",
    )
    .run();
const check = (over: Record<string, unknown> = {}) => {
  const row = {
    id: 'c1',
    basket_id: 'b1',
    gtin: '06900000000014',
    code: '6900000000014',
    name: 'Milk',
    recall_ids: '["r1"]',
    raised_at: 'x',
    decision: null,
    decided_by: null,
    decided_at: null,
    ...over,
  };
  temp.db
    .prepare(
      `INSERT INTO lot_checks (id, basket_id, gtin, code, name, recall_ids, raised_at, decision, decided_by,
             decided_at) VALUES (@id, @basket_id, @gtin, @code, @name, @recall_ids, @raised_at, @decision,
             @decided_by, @decided_at)`,
    )
    .run(row);
};

describe('migration 0030_recall_basket_checks', () => {
  it('adds the recall marks of basket lines and the lot checks, empty', () => {
    migrate(temp.db, { target: 30 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(30);
    expect(temp.db.prepare('SELECT count(*) AS n FROM recall_line_blocks').get()).toEqual({ n: 0 });
    expect(temp.db.prepare('SELECT count(*) AS n FROM lot_checks').get()).toEqual({ n: 0 });
  });

  it('keeps one waiting check per product of a basket, and a decision whole', () => {
    migrate(temp.db, { target: 30 });
    basket();
    check();
    expect(() => check({ id: 'c2' })).toThrow(/UNIQUE/);
    check({ id: 'c3', decision: 'refused', decided_by: 'A1', decided_at: 'y' });
    expect(() => check({ id: 'c4', decision: 'accepted' })).toThrow(/CHECK/);
    expect(() => check({ id: 'c5', gtin: '690' })).toThrow(/CHECK/);
    expect(() => check({ id: 'c6', gtin: '06900000000021', recall_ids: 'r1' })).toThrow(/CHECK/);
  });
});
