import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { checkSqlPortability } from './check-sql-portability.mjs';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
type Finding = { file: string; line: number; rule: string; severity: string; engines: string[] };
const found = (): Finding[] =>
  (checkSqlPortability(root) as Finding[]).map(({ file, line, rule, severity, engines }) => ({
    file,
    line,
    rule,
    severity,
    engines,
  }));

describe('the SQL portability check', () => {
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const tree = () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-sqlport-'));
    write(
      'server/migrations/0001_base.sql',
      [
        '-- UUID keys; no triggers, sequences or LISTEN/NOTIFY (a comment names them, and is not SQL).',
        'CREATE TABLE stores (id uuid PRIMARY KEY, code text NOT NULL UNIQUE, names jsonb);',
        'CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);',
      ].join('\n'),
    );
    write(
      'server/catalog/version.ts',
      [
        '// Takes the counter row: it serialises writers (no advisory lock, no sequence).',
        'export const NEXT = `UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value`;',
        "export const MESSAGE = 'LISTEN to the shopper: not SQL, only a sentence';",
      ].join('\n'),
    );
  };

  it('passes portable SQL, whatever the comments and plain strings say', () => {
    tree();
    expect(found()).toEqual([]);
  });

  it('names each unsupported construct in a migration or in the code, by file, line and engine', () => {
    tree();
    write(
      'server/migrations/0002_bad.sql',
      [
        'CREATE TABLE tickets (id bigserial PRIMARY KEY, payload json);',
        'CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;',
        'CREATE TRIGGER tickets_bump AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION bump();',
        'ALTER TABLE stores ADD CONSTRAINT one_code UNIQUE (code) DEFERRABLE INITIALLY DEFERRED;',
      ].join('\n'),
    );
    write(
      'server/events/notify.ts',
      [
        'export async function tell(db: { query(s: string): Promise<unknown> }) {',
        "  await db.query('SELECT pg_advisory_xact_lock(42)');",
        '  await db.query(`NOTIFY catalog_changed`);',
        "  await db.query('LOCK TABLE stores IN EXCLUSIVE MODE');",
        '}',
      ].join('\n'),
    );
    const rules = found().map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity} ${f.engines.join('+')}`);
    expect(rules).toEqual([
      'server/migrations/0002_bad.sql:1 sequence unsupported CockroachDB+YugabyteDB',
      'server/migrations/0002_bad.sql:1 json-text differs CockroachDB',
      'server/migrations/0002_bad.sql:2 function unsupported CockroachDB',
      'server/migrations/0002_bad.sql:3 trigger unsupported CockroachDB',
      'server/migrations/0002_bad.sql:4 deferrable unsupported YugabyteDB',
      'server/events/notify.ts:2 advisory-lock unsupported CockroachDB',
      'server/events/notify.ts:3 listen-notify unsupported CockroachDB+YugabyteDB',
      'server/events/notify.ts:4 lock-table unsupported YugabyteDB',
    ]);
  });

  it('accepts a weighed exception marked on the line or the line before, for that rule only', () => {
    tree();
    write(
      'server/migrations/0002_ids.sql',
      [
        '-- portability: allow sequence — a local counter the distributed set-up never uses',
        'CREATE SEQUENCE local_ids;',
        'CREATE TABLE t (id bigserial PRIMARY KEY); -- portability: allow trigger — the wrong rule',
      ].join('\n'),
    );
    expect(found().map((f) => `${f.line} ${f.rule}`)).toEqual(['3 sequence']);
  });
});
