import { describe, expect, it } from 'vitest';
import { migrationRows, T } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';
import { activeRecallsOf } from '../recalls';

const temp = useTempDatabase(26);
const rows = migrationRows(temp);

describe('migration 0027_recalls', () => {
  it('turns each recalled lot or serial of the old list into an active recall of its own', () => {
    const gtin = '09506000134352';
    rows.insert('recalls', { gtin, kind: 'lot', value: 'L2411', reason: 'contamination', added_at: T });
    rows.insert('recalls', { gtin, kind: 'serial', value: 'SER-7', reason: 'stolen', added_at: T });
    migrate(temp.db, { target: 27 });
    expect(activeRecallsOf(temp.db, gtin)).toEqual([
      { id: `local:${gtin}:lot:L2411`, gtin, reason: 'contamination', lots: ['L2411'], serials: [] },
      { id: `local:${gtin}:serial:SER-7`, gtin, reason: 'stolen', lots: [], serials: ['SER-7'] },
    ]);
    expect(temp.db.prepare("SELECT name FROM sqlite_master WHERE name = 'recalls'").get()).toBeUndefined();
  });

  it('refuses a recall without a GTIN-14 or a reason, and a value of another kind', () => {
    migrate(temp.db, { target: 27 });
    const recall = (id: string, gtin: string, reason: string) =>
      rows.insert('recall_list', { id, gtin, reason, active: 1, created_at: T, received_at: T });
    recall('r1', '09506000134352', 'why');
    expect(() => recall('r2', '9506000134352', 'why')).toThrow(/CHECK/);
    expect(() => recall('r3', '09506000134352', '')).toThrow(/CHECK/);
    expect(() => rows.insert('recall_values', { recall_id: 'r1', kind: 'batch', value: 'L1' })).toThrow(
      /CHECK/,
    );
  });
});
