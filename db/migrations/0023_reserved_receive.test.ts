import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(22);

describe('migration 0023 (placeholder for RECEIVE)', () => {
  it('leaves nothing behind', () => {
    migrate(temp.db, { target: 23 });
    expect(temp.db.prepare("SELECT name FROM sqlite_master WHERE name = 'reserved_0023'").all()).toEqual([]);
  });
});
