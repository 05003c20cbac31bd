import { describe, expect, it } from 'vitest';
import { parseStockCursor, stockCursor } from './counting';

describe('the stock change marker', () => {
  it('round-trips, starts empty and refuses anything else', () => {
    expect(parseStockCursor(stockCursor(42, '06900000000012'))).toEqual({
      version: 42,
      gtin: '06900000000012',
    });
    expect(parseStockCursor('')).toEqual({ version: 0, gtin: '' });
    for (const bad of ['42', '42:123', 'x:06900000000012', '-1:06900000000012', "1:06900000000012' OR 1=1"])
      expect(parseStockCursor(bad)).toBeNull();
  });
});
