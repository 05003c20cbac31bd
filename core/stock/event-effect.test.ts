import { describe, expect, it } from 'vitest';
import { applyEffects, eventEffect } from './event-effect';

const G = '06900000000012';
const OTHER = '06900000000029';

describe('what an outbox event does to a product’s on hand', () => {
  it('reads sales, refunds, deliveries, adjustments and transfers as HQ’s ledger does', () => {
    const lines = [
      { gtin: G, quantity: 2 },
      { gtin: OTHER, quantity: 9 },
      { gtin: G, quantity: 1 },
    ];
    expect(eventEffect('sale.completed', { lines }, G)).toEqual({ kind: 'delta', quantity: -3 });
    expect(eventEffect('sale.completed', { lines, training: true }, G)).toBeNull();
    expect(
      eventEffect(
        'refund.completed',
        {
          lines: [
            { gtin: G, quantity: 2, disposition: 'restock' },
            { gtin: G, quantity: 5, disposition: 'write_off' },
          ],
        },
        G,
      ),
    ).toEqual({ kind: 'delta', quantity: 2 });
    expect(eventEffect('stock.received', { lines }, G)).toEqual({ kind: 'delta', quantity: 3 });
    expect(eventEffect('stock.adjusted', { lines: [{ gtin: G, quantity: -4 }] }, G)).toEqual({
      kind: 'delta',
      quantity: -4,
    });
    expect(eventEffect('stock.transferred', { direction: 'out', lines }, G)).toEqual({
      kind: 'delta',
      quantity: -3,
    });
    expect(eventEffect('stock.transferred', { direction: 'in', lines }, G)).toEqual({
      kind: 'delta',
      quantity: 3,
    });
    expect(eventEffect('stock.received', { lines }, '06900000000036')).toBeNull();
    expect(eventEffect('basket.item_added', { lines }, G)).toBeNull();
    expect(eventEffect('sale.completed', null, G)).toBeNull();
  });

  it('reads a counted file’s line as the level, and a session’s line as the session’s total', () => {
    expect(eventEffect('stock.counted', { lines: [{ gtin: G, counted: 7 }] }, G)).toEqual({
      kind: 'count',
      counted: 7,
    });
    const session = { sessionId: 's1', lines: [{ gtin: G, counted: 3, location: 'A' }] };
    expect(eventEffect('stock.counted', session, G, () => 12)).toEqual({ kind: 'count', counted: 12 });
    expect(eventEffect('stock.counted', session, G, () => null)).toBeNull();
  });

  it('applies deltas on top of a level and lets a count set it', () => {
    expect(
      applyEffects(10, [
        { kind: 'delta', quantity: -2 },
        { kind: 'count', counted: 5 },
        { kind: 'delta', quantity: -1 },
      ]),
    ).toBe(4);
  });
});
