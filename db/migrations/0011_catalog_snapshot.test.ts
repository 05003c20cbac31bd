import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(10);

describe('migration 0011_catalog_snapshot', () => {
  it('leaves a terminal with no snapshot under way and an empty list of snapshot products', () => {
    migrate(temp.db, { target: 11 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(11);
    expect(temp.db.prepare('SELECT snapshot_restarted FROM sync_state').get()).toEqual({
      snapshot_restarted: 0,
    });
    expect(temp.db.prepare('SELECT count(*) AS n FROM catalog_snapshot').get()).toEqual({ n: 0 });
    expect(() => temp.db.prepare('UPDATE sync_state SET snapshot_restarted = 2').run()).toThrow(/CHECK/);
  });
});
