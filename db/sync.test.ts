import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../core/barcode/gtin';
import type { Product } from '../core/types';
import { useTempDatabase } from '../test/helpers/temp-db';
import { findProduct, upsertProducts } from './catalog';
import { appendEvent, outboxStats, pendingEvents } from './outbox';
import {
  applyCatalogPage,
  countDeadLetters,
  deadLetters,
  recordAnswers,
  recordAttempt,
  syncState,
} from './sync';

const temp = useTempDatabase();

const product = (body: string, price = 990): Product => {
  const barcode = withCheckDigit(body);
  return {
    gtin: barcode.padStart(14, '0'),
    barcode,
    name: `Item ${body}`,
    price,
    taxRateBp: 1300,
    unit: 'each',
    ageLimit: null,
    department: null,
  };
};
const events = (n: number) =>
  temp.db.transaction(() =>
    Array.from({ length: n }, (_, i) => appendEvent(temp.db, 'stock.adjusted', { i })),
  )();

describe('sync state', () => {
  it('applies a catalog page and its cursor together; the version moves only when caught up', () => {
    const milk = product('690123456789');
    const bread = product('690123456790');
    upsertProducts(temp.db, [bread]);
    expect(
      applyCatalogPage(temp.db, {
        after: '0',
        upserts: [milk],
        deletes: [bread.gtin],
        nextCursor: '5:x',
        caughtUpVersion: null,
      }),
    ).toEqual({ upserted: 1, deleted: 1, demoRemoved: 0, stale: false });
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '5:x', catalogVersion: 0 });
    applyCatalogPage(temp.db, {
      after: '5:x',
      upserts: [],
      deletes: [],
      nextCursor: '7',
      caughtUpVersion: 7,
    });
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '7', catalogVersion: 7 });
    // A page another sync already moved past is not applied: its prices may be older than ours.
    expect(
      applyCatalogPage(temp.db, {
        after: '5:x',
        upserts: [{ ...milk, price: 1 }],
        deletes: [],
        nextCursor: '7',
        caughtUpVersion: 7,
      }),
    ).toEqual({ upserted: 0, deleted: 0, demoRemoved: 0, stale: true });
    expect(findProduct(temp.db, milk.gtin)).toEqual(milk);
    expect(findProduct(temp.db, bread.gtin)).toBeNull();
  });

  it('rolls a page back whole when one row is refused, keeping the old cursor', () => {
    const good = product('690123456789');
    expect(() =>
      applyCatalogPage(temp.db, {
        after: '0',
        upserts: [good, { ...product('690123456790'), price: -1 }],
        deletes: [],
        nextCursor: '9',
        caughtUpVersion: 9,
      }),
    ).toThrow(/CHECK/);
    expect(findProduct(temp.db, good.gtin)).toBeNull();
    expect(syncState(temp.db)).toMatchObject({ catalogCursor: '0', catalogVersion: 0 });
  });

  it('keeps HQ answers, marks every answered event sent, and lists rejections as dead letters', () => {
    const [a, b, c] = events(3);
    recordAnswers(temp.db, [
      { eventId: a!, status: 'applied' },
      { eventId: b!, status: 'rejected', reasonCode: 'bad_payload', reason: 'payload.lines: required' },
    ]);
    expect(pendingEvents(temp.db, 10).map((e) => e.id)).toEqual([c]);
    expect(outboxStats(temp.db).pending).toBe(1);
    expect(deadLetters(temp.db)).toEqual([
      expect.objectContaining({ eventId: b, type: 'stock.adjusted', reasonCode: 'bad_payload' }),
    ]);
    // An answer arriving again (a resend) keeps the first one.
    recordAnswers(temp.db, [{ eventId: b!, status: 'duplicate' }]);
    expect(countDeadLetters(temp.db)).toBe(1);
  });

  it('records attempts: a failure keeps the last success, a success clears the error', () => {
    recordAttempt(temp.db, { ok: true, clockSkewMs: 120 }, new Date('2025-01-01T10:00:00Z'));
    recordAttempt(temp.db, { ok: false, error: 'HQ not reachable' }, new Date('2025-01-01T10:05:00Z'));
    expect(syncState(temp.db)).toMatchObject({
      lastAttemptAt: '2025-01-01T10:05:00.000Z',
      lastSuccessAt: '2025-01-01T10:00:00.000Z',
      lastError: 'HQ not reachable',
      clockSkewMs: 120,
    });
    recordAttempt(temp.db, { ok: true }, new Date('2025-01-01T10:06:00Z'));
    expect(syncState(temp.db)).toMatchObject({ lastError: null, clockSkewMs: 120 });
  });
});
