import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';

const T = '2025-01-01T10:00:00.000Z';
const ZERO = '0'.repeat(64);
const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const temp = useTempDatabase(8);

const entry = (seq: number, prevHash: string, hash: string, extra: Record<string, unknown> = {}) =>
  temp.db
    .prepare(
      `INSERT INTO journal (seq, kind, entry, prev_hash, hash, written_at, store_id, terminal_id)
       VALUES (@seq, @kind, @entry, @prev_hash, @hash, @written_at, @store_id, @terminal_id)`,
    )
    .run({
      seq,
      kind: 'sale',
      entry: '{}',
      prev_hash: prevHash,
      hash,
      written_at: T,
      store_id: 'S001',
      terminal_id: 'K01',
      ...extra,
    });

describe('migration 0008_journal', () => {
  it('is schema version 8 with an empty journal and no terminal bound yet', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(8);
    expect(temp.db.prepare('SELECT count(*) AS n FROM journal').get()).toEqual({ n: 0 });
    expect(temp.db.prepare('SELECT count(*) AS n FROM journal_terminal').get()).toEqual({ n: 0 });
  });

  it('takes only the next seq, chained to the last hash (64 zeros first)', () => {
    expect(() => entry(2, ZERO, H1)).toThrow(/appended in order/);
    expect(() => entry(1, H2, H1)).toThrow(/appended in order/);
    entry(1, ZERO, H1);
    expect(() => entry(3, H1, H2)).toThrow(/appended in order/);
    expect(() => entry(2, ZERO, H2)).toThrow(/appended in order/);
    entry(2, H1, H2);
    expect(temp.db.prepare('SELECT seq, prev_hash FROM journal ORDER BY seq').all()).toEqual([
      { seq: 1, prev_hash: ZERO },
      { seq: 2, prev_hash: H1 },
    ]);
  });

  it('refuses bad kinds, hashes, JSON and half an identity', () => {
    expect(() => entry(1, ZERO, H1, { kind: 'refund' })).toThrow(/CHECK/);
    expect(() => entry(1, ZERO, 'abc')).toThrow(/CHECK/);
    expect(() => entry(1, ZERO, 'F'.repeat(64))).toThrow(/CHECK/);
    expect(() => entry(1, ZERO, H1, { entry: '{oops' })).toThrow(/CHECK/);
    expect(() => entry(1, ZERO, H1, { terminal_id: null })).toThrow(/CHECK/);
    entry(1, ZERO, H1, { store_id: null, terminal_id: null });
  });

  it('never updates or deletes an entry', () => {
    entry(1, ZERO, H1);
    expect(() => temp.db.prepare("UPDATE journal SET entry = '[]'").run()).toThrow(/append-only/);
    expect(() => temp.db.prepare('UPDATE journal SET seq = 5').run()).toThrow(/append-only/);
    expect(() => temp.db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });

  it('keeps one terminal identity', () => {
    const bind = (id: number) =>
      temp.db
        .prepare("INSERT INTO journal_terminal (id, store_id, terminal_id) VALUES (?, 'S001', 'K01')")
        .run(id);
    expect(() => bind(2)).toThrow(/CHECK/);
    bind(1);
    expect(() => bind(1)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('indexes the journal copies in the outbox by seq', () => {
    const plan = temp.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT payload FROM outbox WHERE type = 'journal.appended'
         AND json_extract(payload, '$.seq') BETWEEN 1 AND 10`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/outbox_journal_seq/);
  });
});
