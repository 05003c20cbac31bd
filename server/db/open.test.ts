import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from './open';

describe('where the HQ data lives', () => {
  const url = 'postgres://hq@db.example/openlane';

  it('takes --database, then --data, then DATABASE_URL, then OPENLANE_HQ_DATA, then ~/.openlane/hq', () => {
    const env = { DATABASE_URL: 'postgresql://env/x', OPENLANE_HQ_DATA: '/srv/hq' };
    expect(resolveTarget({ databaseUrl: url, env })).toEqual({ databaseUrl: url });
    expect(resolveTarget({ dataDir: '/d', env })).toEqual({ dataDir: '/d' });
    expect(resolveTarget({ env })).toEqual({ databaseUrl: 'postgresql://env/x' });
    expect(resolveTarget({ env: { OPENLANE_HQ_DATA: '/srv/hq' } })).toEqual({ dataDir: '/srv/hq' });
    expect(resolveTarget({ env: {} })).toEqual({ dataDir: join(homedir(), '.openlane', 'hq') });
  });

  it('refuses both at once, and a URL that is not PostgreSQL', () => {
    expect(() => resolveTarget({ databaseUrl: url, dataDir: '/d' })).toThrow(/not both/);
    expect(() => resolveTarget({ databaseUrl: 'mysql://x' })).toThrow(/postgres:\/\//);
  });
});
