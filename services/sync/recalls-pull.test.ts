// The stream's `event: recall` wakes the sync only when it announces recalls this lane has not pulled.
import { describe, expect, it } from 'vitest';
import { saveRecalls } from '../../db/recalls';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { recallAnnounced } from './recalls-pull';

const temp = useTempDatabase();

describe('a recall announcement', () => {
  it('is news when its version is beyond the lane’s cursor, and not otherwise or when unreadable', () => {
    expect(recallAnnounced(temp.db, '{"version":0}')).toBe(false);
    expect(recallAnnounced(temp.db, '{"version":1}')).toBe(true);
    saveRecalls(temp.db, [], '3:0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b', new Date());
    expect(recallAnnounced(temp.db, '{"version":3}')).toBe(false);
    expect(recallAnnounced(temp.db, '{"version":4}')).toBe(true);
    expect(recallAnnounced(temp.db, 'not json')).toBe(false);
    expect(recallAnnounced(temp.db, '{"version":"9"}')).toBe(false);
  });
});
