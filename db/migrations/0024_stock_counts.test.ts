import { describe, expect, it } from 'vitest';
import { migrationRows, T } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(23);
const { insert } = migrationRows(temp);
const GTIN = '06900000000012';
const EVENT = '0190a5b2-0000-7000-8000-000000000001';
const session = (id: string, values: Record<string, unknown> = {}) =>
  insert('count_sessions', {
    id,
    scope: '{"kind":"location","location":"A1"}',
    scope_key: 'location:A1',
    state: 'open',
    started_at: T,
    started_by: 'M01',
    ...values,
  });
const line = (id: string, values: Record<string, unknown> = {}) =>
  insert('count_lines', {
    id,
    session_id: 's1',
    gtin: GTIN,
    location: 'A1',
    quantity: 1,
    device_id: 'K01',
    staff_id: 'M01',
    counted_at: T,
    event_id: EVENT,
    ...values,
  });

describe('migration 0024_stock_counts', () => {
  it('starts with no HQ level read and the feed at its beginning', () => {
    migrate(temp.db, { target: 24 });
    expect(temp.db.prepare('SELECT cursor, ack_mark, as_of FROM hq_stock_feed').all()).toEqual([
      { cursor: '', ack_mark: 0, as_of: null },
    ]);
    expect(temp.db.prepare('SELECT count(*) AS n FROM hq_stock_levels').get()).toEqual({ n: 0 });
  });

  it('keeps one open count per scope, and count lines as written', () => {
    migrate(temp.db, { target: 24 });
    insert('outbox', { id: EVENT, type: 'stock.counted', payload: '{}', occurred_at: T });
    session('s1');
    expect(() => session('s2')).toThrow(/UNIQUE constraint failed/);
    session('s3', { state: 'finished', finished_at: T, finished_by: 'M01', scope_key: 'location:A1' });
    expect(() => session('s4', { state: 'finished', scope_key: 'x' })).toThrow(/CHECK constraint failed/);
    line('l1');
    expect(() => line('l2', { quantity: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => line('l3', { session_id: 'nope' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => temp.db.prepare('UPDATE count_lines SET quantity = 5').run()).toThrow(/never changed/);
  });
});
