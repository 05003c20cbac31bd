import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { PENCIL as pencil, basketWithPencils, payingBasket, startPayment } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import {
  addItem,
  basketLines,
  cancelBasket,
  openBasket,
  removeLine,
  setQuantity,
  setStatus,
} from './baskets';
import type { JournalKind } from '../core/journal';
import { appendEvent, markSent, outboxStats, pendingEvents } from './outbox';
import { updatePayment } from './payments';
import { closeSale, completeSale } from './sales';

const temp = useTempDatabase();

const TABLES = ['baskets', 'basket_lines', 'payments', 'sales', 'terminal_sequences', 'journal', 'outbox'];
const snapshot = (db: Database.Database) =>
  Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

type Db = Database.Database;
const newBasket = (db: Db) => openBasket(db, 'EUR').id;
const withLine = (db: Db) => {
  const { basket, line } = basketWithPencils(db, 1);
  return { basketId: basket.id, lineId: line.id };
};
const sell = (db: Db, payment: { id: string; basketId: string }) =>
  completeSale(db, {
    basketId: payment.basketId,
    paymentId: payment.id,
    storeId: 'S001',
    terminalId: 'K01',
    soldAt: new Date(),
    makeReceipt: () => ({ total: 129, taxTotal: 21, json: { ok: true } }),
  });

/**
 * Every mutation of the db layer: `run` sets up the data it needs and returns the mutation itself.
 * `journal`: the journal entries it appends, each with its own `journal.appended` event before its event.
 */
const MUTATIONS: { event: string; journal?: JournalKind[]; run: (db: Db) => () => unknown }[] = [
  { event: 'basket.opened', run: (db) => () => newBasket(db) },
  {
    event: 'basket.item_added',
    run: (db) => {
      const basketId = newBasket(db);
      return () => addItem(db, basketId, pencil, 1);
    },
  },
  {
    event: 'basket.item_added',
    run: (db) => {
      const { basketId } = withLine(db);
      return () => addItem(db, basketId, pencil, 2); // raises the existing line
    },
  },
  {
    event: 'basket.quantity_changed',
    run: (db) => {
      const { basketId, lineId } = withLine(db);
      return () => setQuantity(db, basketId, lineId, 3);
    },
  },
  {
    event: 'basket.quantity_changed',
    journal: ['void'], // fewer pieces: goods taken off the basket
    run: (db) => {
      const { basket, line } = basketWithPencils(db, 3);
      return () => setQuantity(db, basket.id, line.id, 1);
    },
  },
  {
    event: 'basket.line_removed',
    journal: ['void'],
    run: (db) => {
      const { basketId, lineId } = withLine(db);
      return () => removeLine(db, basketId, lineId);
    },
  },
  {
    event: 'basket.cancelled',
    journal: ['void'],
    run: (db) => {
      const { basketId } = withLine(db);
      return () => cancelBasket(db, basketId);
    },
  },
  {
    event: 'basket.status_changed',
    run: (db) => {
      const { basketId } = withLine(db);
      return () => setStatus(db, basketId, 'paying');
    },
  },
  {
    event: 'payment.created',
    run: (db) => {
      const { basketId } = withLine(db);
      return () => startPayment(db, basketId, 129);
    },
  },
  {
    event: 'payment.status_changed',
    run: (db) => {
      const payment = payingBasket(db);
      return () => updatePayment(db, payment.id, { status: 'unknown' });
    },
  },
  {
    event: 'payment.status_changed',
    journal: ['payment'],
    run: (db) => {
      const payment = payingBasket(db);
      return () => updatePayment(db, payment.id, { status: 'declined' }); // basket back to open, same event
    },
  },
  {
    event: 'payment.status_changed',
    journal: ['payment'],
    run: (db) => {
      const payment = payingBasket(db);
      return () => updatePayment(db, payment.id, { status: 'cancelled' });
    },
  },
  {
    event: 'sale.completed',
    journal: ['payment', 'sale'],
    run: (db) => {
      const payment = payingBasket(db);
      return () => sell(db, payment);
    },
  },
  {
    event: 'basket.status_changed',
    run: (db) => {
      const sold = sell(db, payingBasket(db));
      return () => closeSale(db, sold.basketId);
    },
  },
];

describe('outbox', () => {
  it.each(MUTATIONS.map((m, i) => [i, m.event, m] as const))(
    'mutation #%i writes exactly one %s event with its change',
    (_i, event, m) => {
      const mutate = m.run(temp.db);
      const before = snapshot(temp.db);
      mutate();
      const after = snapshot(temp.db);
      const newEvents = after.outbox!.slice(before.outbox!.length) as { type: string }[];
      const journalled = m.journal ?? [];
      expect(newEvents.map((e) => e.type)).toEqual([...journalled.map(() => 'journal.appended'), event]);
      const newEntries = after.journal!.slice(before.journal!.length) as { kind: string }[];
      expect(newEntries.map((e) => e.kind)).toEqual(journalled);
      // The change itself is there too (some table other than the outbox changed).
      expect(
        TABLES.filter((t) => t !== 'outbox').some(
          (t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]),
        ),
      ).toBe(true);
    },
  );

  it.each(MUTATIONS.map((m, i) => [i, m.event, m] as const))(
    'mutation #%i (%s) leaves neither change nor event when its transaction fails after the event',
    (_i, _event, m) => {
      const mutate = m.run(temp.db);
      const before = snapshot(temp.db);
      expect(() =>
        temp.db.transaction(() => {
          mutate();
          throw new Error('crash after appendEvent');
        })(),
      ).toThrow('crash after appendEvent');
      expect(snapshot(temp.db)).toEqual(before);
    },
  );

  it('rolls back a basket line and its event together', () => {
    const basketId = openBasket(temp.db, 'EUR').id;
    expect(() =>
      temp.db.transaction(() => {
        addItem(temp.db, basketId, pencil, 1);
        expect(pendingEvents(temp.db, 10).map((e) => e.type)).toContain('basket.item_added');
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(basketLines(temp.db, basketId)).toEqual([]);
    expect(pendingEvents(temp.db, 10).map((e) => e.type)).toEqual(['basket.opened']);
  });

  it('refuses an event written outside a transaction', () => {
    expect(() => appendEvent(temp.db, 'basket.opened', {})).toThrow(/inside the transaction/);
    expect(outboxStats(temp.db).pending).toBe(0);
  });

  it('hands out pending events in commit order with UUIDv7 ids, and forgets them once sent', () => {
    const times = ['2025-01-01T00:00:03.000Z', '2025-01-01T00:00:01.000Z', '2025-01-01T00:00:02.000Z'];
    const ids = times.map((t, i) =>
      temp.db.transaction(() => appendEvent(temp.db, 'test.event', { i }, new Date(t)))(),
    );
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pendingEvents(temp.db, 10).map((e) => e.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(pendingEvents(temp.db, 2).map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(outboxStats(temp.db)).toEqual({ pending: 3, oldestOccurredAt: '2025-01-01T00:00:01.000Z' });

    const sentAt = new Date('2025-01-02T00:00:00.000Z');
    expect(markSent(temp.db, [ids[0]!, ids[1]!], sentAt)).toBe(2);
    expect(markSent(temp.db, [ids[0]!, 'unknown-id'], new Date())).toBe(0);
    expect(pendingEvents(temp.db, 10).map((e) => e.id)).toEqual([ids[2]]);
    expect(outboxStats(temp.db)).toEqual({ pending: 1, oldestOccurredAt: '2025-01-01T00:00:02.000Z' });
    expect(temp.db.prepare('SELECT sent_at FROM outbox WHERE id = ?').get(ids[0])).toEqual({
      sent_at: sentAt.toISOString(),
    });
    markSent(temp.db, [ids[2]!]);
    expect(outboxStats(temp.db)).toEqual({ pending: 0, oldestOccurredAt: null });
  });
});
