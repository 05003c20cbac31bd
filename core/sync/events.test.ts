import { describe, expect, it } from 'vitest';
import { saleEvent, stockEvent, wireEvent } from './events';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('building wire events', () => {
  it('gives each event a fresh UUIDv7 and the time it happened, as the outbox does', () => {
    const at = new Date('2025-03-01T09:30:00.000Z');
    const a = stockEvent('stock.received', { lines: [{ gtin: '06901234567892', quantity: 5 }] }, at);
    const b = wireEvent('basket.opened', { basketId: 'b1' }, at);
    expect(a).toEqual({
      id: expect.stringMatching(UUID_V7),
      type: 'stock.received',
      payload: { lines: [{ gtin: '06901234567892', quantity: 5 }] },
      occurredAt: '2025-03-01T09:30:00.000Z',
    });
    expect(b.id).toMatch(UUID_V7);
    expect(b.id).not.toBe(a.id);
  });

  it('types a sale as sale.completed with its payload untouched', () => {
    const payload = {
      id: 'sale-1',
      receiptNumber: 'S001-K01-000001',
      terminalId: 'K01',
      currency: 'CNY',
      total: 1300,
      taxTotal: 150,
      soldAt: '2025-03-01T09:30:00.000Z',
      receipt: { lines: [] },
    };
    const event = saleEvent(payload);
    expect(event.type).toBe('sale.completed');
    expect(event.payload).toBe(payload);
  });
});
