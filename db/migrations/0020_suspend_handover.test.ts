import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrationRows } from '../../test/helpers/migration-rows';
import { migrate } from '../migrate';

const temp = useTempDatabase(19);
const { insert, basket } = migrationRows(temp);
const T = '2026-12-07T06:00:00.000Z';

describe('migration 0020_suspend_handover', () => {
  it('adds suspended sales, handovers both ways, and the name index, on an existing store', () => {
    basket('b1', 'closed');
    migrate(temp.db, { target: 20 });
    insert('suspended_sales', { id: 's1', basket_id: 'b1', label: '10:05', suspended_at: T });
    insert('handovers', { id: 'h1', basket_id: 'b1', code: '123456', offered_at: T });
    insert('handovers_received', { handover_id: 'h9', lane_id: 'K01', basket_id: 'b1', received_at: T });
    const indexes = temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['products_name_nocase', 'handovers_live_code']));
  });

  it('refuses a blank label, a code that is not six digits, a second live offer of one code, and deletions', () => {
    basket('b1', 'closed');
    basket('b2', 'closed');
    migrate(temp.db, { target: 20 });
    expect(() =>
      insert('suspended_sales', { id: 's1', basket_id: 'b1', label: ' ', suspended_at: T }),
    ).toThrow(/CHECK constraint failed/);
    expect(() => insert('handovers', { id: 'h1', basket_id: 'b1', code: '12345', offered_at: T })).toThrow(
      /CHECK constraint failed/,
    );
    insert('handovers', { id: 'h1', basket_id: 'b1', code: '123456', offered_at: T });
    expect(() => insert('handovers', { id: 'h2', basket_id: 'b2', code: '123456', offered_at: T })).toThrow(
      /UNIQUE constraint failed/,
    );
    expect(() => temp.db.prepare('DELETE FROM handovers').run()).toThrow(/never deleted/);
    expect(() =>
      insert('handovers_received', { handover_id: 'h1', lane_id: 'K01', basket_id: 'b1', received_at: T }),
    ).not.toThrow();
    expect(() =>
      insert('handovers_received', { handover_id: 'h1', lane_id: 'K01', basket_id: 'b2', received_at: T }),
    ).toThrow(/UNIQUE constraint failed|PRIMARY KEY/);
  });
});
