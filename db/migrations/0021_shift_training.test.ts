import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(20);
const { insert } = migrationRows(temp);
const shift = (id: string, values: Record<string, unknown> = {}) =>
  insert('shifts', {
    id,
    terminal_id: 'C01',
    currency: 'CNY',
    status: 'open',
    opened_at: '2026-12-07T08:00:00.000Z',
    opened_by: 'C01',
    float_total: 0,
    float_counts: '{}',
    ...values,
  });

describe('migration 0021_shift_training', () => {
  it('reads every shift opened before as live, and takes a training one', () => {
    shift('sh1');
    migrate(temp.db, { target: 21 });
    shift('sh2', { terminal_id: 'C02', training: 1 });
    expect(temp.db.prepare('SELECT id, training FROM shifts ORDER BY id').all()).toEqual([
      { id: 'sh1', training: 0 },
      { id: 'sh2', training: 1 },
    ]);
    expect(() => shift('sh3', { terminal_id: 'C03', training: 2 })).toThrow(/CHECK constraint failed/);
  });
});
