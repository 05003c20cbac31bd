// Pushing the outbox with an HQ stand-in that answers like HQ (or too big, or with the wrong results).
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../core/sync';
import { appendEvent, outboxStats } from '../../db/outbox';
import { completeSale } from '../../db/sales';
import { deadLetters } from '../../db/sync';
import { PENCIL, payingBasket } from '../../test/helpers/db-fixtures';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { HqError, type HqClient } from './hq-client';
import { pushOutbox } from './push';

const temp = useTempDatabase();
const add = (n: number) =>
  temp.db.transaction(() =>
    Array.from({ length: n }, (_, i) => appendEvent(temp.db, 'stock.adjusted', { i })),
  )();

function hq(answer: (events: readonly WireEvent[]) => unknown): HqClient & { batches: number[] } {
  const batches: number[] = [];
  return {
    serverUrl: 'http://hq',
    batches,
    async pushEvents(events) {
      batches.push(events.length);
      const results = answer(events);
      return { results, receivedAt: 'r', clockSkewMs: 7, warnings: [] } as never;
    },
    catalogPage: () => Promise.reject(new Error('unused')),
    openStream: () => Promise.reject(new Error('unused')),
  };
}
const applied = (events: readonly WireEvent[]) => events.map((e) => ({ id: e.id, status: 'applied' }));

describe('pushing the outbox', () => {
  it('sends every pending event in commit order, in batches, and marks them sent', async () => {
    const ids = add(7);
    const sent: string[] = [];
    const client = hq((events) => (sent.push(...events.map((e) => e.id)), applied(events)));
    const result = await pushOutbox(temp.db, client, { batchSize: 3 });
    expect(client.batches).toEqual([3, 3, 1]);
    expect(sent).toEqual(ids);
    expect(result).toMatchObject({ applied: 7, duplicates: 0, rejected: 0, skewMs: 7 });
    expect(outboxStats(temp.db).pending).toBe(0);
  });

  it('sends a checkout sale with the GTIN and quantity of each sold line, the same on every resend', async () => {
    const payment = payingBasket(temp.db, 3);
    completeSale(temp.db, {
      basketId: payment.basketId,
      paymentId: payment.id,
      storeId: 'S001',
      terminalId: 'K01',
      soldAt: new Date(),
      makeReceipt: (receiptNumber) => ({ total: payment.amount, taxTotal: 0, json: { receiptNumber } }),
    });
    const sent: WireEvent[] = [];
    const failing = hq((events) => {
      sent.push(...events);
      throw new HqError('unreachable', 'lost');
    });
    await expect(pushOutbox(temp.db, failing)).rejects.toThrow('lost');
    await expect(pushOutbox(temp.db, failing)).rejects.toThrow('lost');
    const sales = sent.filter((e) => e.type === 'sale.completed');
    expect(sales).toHaveLength(2);
    expect(sales[0]!.payload).toMatchObject({ lines: [{ gtin: PENCIL.gtin, quantity: 3 }] });
    expect(sales[1]).toEqual(sales[0]);
  });

  it('halves a batch HQ finds too large; a single event too large is filed as a local dead letter', async () => {
    const [big] = add(1);
    add(3);
    const client = hq((events) => {
      if (events.some((e) => e.id === big) || events.length > 1) throw new HqError('refused', 'too big', 413);
      return applied(events);
    });
    const result = await pushOutbox(temp.db, client, { batchSize: 4 });
    expect(client.batches).toEqual([4, 2, 1, 1, 1, 1]);
    expect(result).toMatchObject({ applied: 3, rejected: 1 });
    expect(deadLetters(temp.db)).toEqual([
      expect.objectContaining({ eventId: big, reasonCode: 'too_large' }),
    ]);
  });

  it('fills a batch by bytes, and keeps a small event pending when the connection is reset (the network, not its size)', async () => {
    const ids = temp.db.transaction(() =>
      Array.from({ length: 4 }, (_, i) =>
        appendEvent(temp.db, 'stock.adjusted', { note: 'x'.repeat(400), i }),
      ),
    )();
    const client = hq(applied);
    await pushOutbox(temp.db, client, { batchBytes: 1200 });
    expect(client.batches).toEqual([2, 2]);
    expect(outboxStats(temp.db).pending).toBe(0);
    add(1);
    const reset = hq(() => {
      throw new HqError('unreachable', 'reset', null, 'connection_reset');
    });
    await expect(pushOutbox(temp.db, reset)).rejects.toThrow('reset');
    expect(outboxStats(temp.db).pending).toBe(1);
    expect(deadLetters(temp.db)).toEqual([]);
    expect(ids).toHaveLength(4);
  });

  it('changes nothing when HQ answers for other events than it was sent, or fails', async () => {
    add(2);
    await expect(
      pushOutbox(
        temp.db,
        hq(() => [{ id: 'x', status: 'applied' }]),
      ),
    ).rejects.toThrow(/1 results for 2/);
    const swapped = hq((events) => applied([...events].reverse()));
    await expect(pushOutbox(temp.db, swapped)).rejects.toThrow(/is for event/);
    const down = hq(() => {
      throw new HqError('unreachable', 'down');
    });
    await expect(pushOutbox(temp.db, down)).rejects.toThrow('down');
    expect(outboxStats(temp.db).pending).toBe(2);
  });
});
