import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../test/helpers/temp-db';

const T = '2025-01-01T10:00:00.000Z';
const ID = '01940000-0000-7000-8000-000000000001';
const temp = useTempDatabase(4);

const event = (id: string, type: string, payload: string) =>
  temp.db
    .prepare('INSERT INTO outbox (id, type, payload, occurred_at) VALUES (?, ?, ?, ?)')
    .run(id, type, payload, T);

describe('migration 0004_outbox', () => {
  it('creates the outbox at schema version 4', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(4);
    event(ID, 'basket.item_added', '{"a":1}');
    expect(temp.db.prepare('SELECT type, sent_at FROM outbox').get()).toEqual({
      type: 'basket.item_added',
      sent_at: null,
    });
  });

  it('refuses bad ids, types and payloads', () => {
    expect(() => event('short', 'basket.opened', '{}')).toThrow(/CHECK/);
    expect(() => event(ID, 'BasketOpened', '{}')).toThrow(/CHECK/);
    expect(() => event(ID, 'basket opened', '{}')).toThrow(/CHECK/);
    expect(() => event(ID, 'basket.opened', '{oops')).toThrow(/CHECK/);
    event(ID, 'basket.opened', '{}');
    expect(() => event(ID, 'basket.opened', '{}')).toThrow(/UNIQUE/);
  });

  it('lets only sent_at change once an event is written', () => {
    event(ID, 'basket.opened', '{}');
    expect(() => temp.db.prepare("UPDATE outbox SET payload = '{}'").run()).toThrow(/immutable/);
    expect(() => temp.db.prepare("UPDATE outbox SET type = 'sale.completed'").run()).toThrow(/immutable/);
    temp.db.prepare('UPDATE outbox SET sent_at = ?').run(T);
    expect(temp.db.prepare('SELECT sent_at FROM outbox').get()).toEqual({ sent_at: T });
  });
});
