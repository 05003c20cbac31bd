import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';

const T = '2025-01-01T10:00:00.000Z';
const ID = '01900000-0000-7000-8000-000000000001';
const temp = useTempDatabase(7);

const event = (id = ID) =>
  temp.db
    .prepare("INSERT INTO outbox (id, type, payload, occurred_at) VALUES (?, 'sale.completed', '{}', ?)")
    .run(id, T);
const result = (status: string, reasonCode: string | null = null, reason: string | null = null) =>
  temp.db
    .prepare(
      'INSERT INTO outbox_results (event_id, status, reason_code, reason, answered_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(ID, status, reasonCode, reason, T);

describe('migration 0007_sync', () => {
  it('is schema version 7 with one sync state row at the start of the feed', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(7);
    expect(temp.db.prepare('SELECT * FROM sync_state').all()).toEqual([
      {
        id: 1,
        catalog_cursor: '0',
        catalog_version: 0,
        last_attempt_at: null,
        last_success_at: null,
        last_error: null,
        clock_skew_ms: null,
      },
    ]);
    expect(() => temp.db.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => temp.db.prepare('UPDATE sync_state SET catalog_version = -1').run()).toThrow(/CHECK/);
  });

  it('keeps one answer per outbox event, and a rejection must carry its reason', () => {
    event();
    expect(() => result('rejected')).toThrow(/CHECK/);
    expect(() => result('applied', 'x', 'y')).toThrow(/CHECK/);
    expect(() => result('lost')).toThrow(/CHECK/);
    result('rejected', 'bad_payload', 'payload.total: must be a number');
    expect(() => result('applied')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('refuses an answer for an event the outbox never had', () => {
    expect(() => result('applied')).toThrow(/FOREIGN KEY/);
  });

  it('never changes or deletes an answer', () => {
    event();
    result('applied');
    expect(() => temp.db.prepare("UPDATE outbox_results SET status = 'duplicate'").run()).toThrow(
      /kept as received/,
    );
    expect(() => temp.db.prepare('DELETE FROM outbox_results').run()).toThrow(/kept as received/);
  });
});
