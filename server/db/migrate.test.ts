import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate';

describe('HQ migrations', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('are numbered from 1 with no gaps, in plain SQL', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) {
      expect(m.sql).toMatch(/\b(CREATE|ALTER) (TABLE|VIEW|INDEX)\b/);
      // The core path stays portable to Postgres-compatible distributed engines.
      expect(m.sql).not.toMatch(/CREATE (OR REPLACE )?(TRIGGER|FUNCTION)|\bSERIAL\b|LISTEN|NOTIFY/i);
    }
  });

  it('refuse a gap in the numbering', () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-hq-migrations-'));
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (id int);');
    writeFileSync(join(dir, '0003_c.sql'), 'CREATE TABLE c (id int);');
    expect(() => loadMigrations(dir)).toThrow(/0003_c.sql is out of sequence: expected 2/);
  });
});
