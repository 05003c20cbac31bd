// The kept prepared statements of openDatabase: the same SQL is compiled once, and sharing it never
// changes what a caller gets back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-open-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'terminal.db'), { skipMigrations: true });
  db.exec('CREATE TABLE t (n INTEGER)');
  for (const n of [1, 2, 3]) db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
  return db;
}

describe('openDatabase statements', () => {
  it('hands out the same statement for the same SQL', () => {
    const db = scratch();
    expect(db.prepare('SELECT n FROM t')).toBe(db.prepare('SELECT n FROM t'));
    db.close();
  });

  it("does not let one caller's pluck or raw change what the next caller reads", () => {
    const db = scratch();
    expect(db.prepare('SELECT n FROM t ORDER BY n').pluck().get()).toBe(1);
    expect(db.prepare('SELECT n FROM t ORDER BY n').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT n FROM t ORDER BY n').raw().get()).toEqual([1]);
    expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    db.close();
  });

  it('gives a fresh statement to a caller while the kept one is still iterating', () => {
    const db = scratch();
    const pairs: [number, number][] = [];
    for (const row of db.prepare('SELECT n FROM t ORDER BY n').iterate() as Iterable<{ n: number }>) {
      const first = db.prepare('SELECT n FROM t ORDER BY n').get() as { n: number };
      pairs.push([row.n, first.n]);
    }
    expect(pairs).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    db.close();
  });
});
