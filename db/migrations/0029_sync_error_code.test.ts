import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(28);

describe('migration 0029_sync_error_code', () => {
  it('keeps how the last sync went, with no code for a failure recorded before it', () => {
    temp.db
      .prepare("UPDATE sync_state SET last_attempt_at = '2026-12-07T10:00:00Z', last_error = 'HQ is away'")
      .run();
    migrate(temp.db, { target: 29 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(29);
    expect(temp.db.prepare('SELECT last_error, last_error_code FROM sync_state').get()).toEqual({
      last_error: 'HQ is away',
      last_error_code: null,
    });
  });

  it('holds a short code only', () => {
    migrate(temp.db, { target: 29 });
    const set = temp.db.prepare('UPDATE sync_state SET last_error_code = ?');
    set.run('device_revoked');
    expect(() => set.run('x'.repeat(65))).toThrow(/CHECK/);
  });
});
