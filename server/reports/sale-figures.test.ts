import { describe, expect, it } from 'vitest';
import { saleFigures } from './sale-figures';

const G = '06900000000014';

describe('what a sale adds to the report rollups', () => {
  it('takes each line’s paid, else its receipt line’s paid, else its line total, else 0', () => {
    const payload = {
      lines: [
        { gtin: G, quantity: 1, paid: 700 },
        { gtin: G, quantity: 1 },
        { gtin: G, quantity: 1 },
        { gtin: G, quantity: 1, paid: 1.5 },
      ],
      receipt: { lines: [{ paid: 1 }, { paid: 650, lineTotal: 700 }, { lineTotal: 300 }, {}] },
      tenders: [{ kind: 'cash', amount: 1650 }],
    };
    const sold = payload.lines.map((l) => ({ gtin: l.gtin }));
    expect(saleFigures(payload, sold, 1650)).toEqual({
      lines: [
        { gtin: G, amount: 700 },
        { gtin: G, amount: 650 },
        { gtin: G, amount: 300 },
        { gtin: G, amount: 0 },
      ],
      tenders: [{ kind: 'cash', amount: 1650 }],
    });
  });

  it('counts a sale without a tenders list as one tender `other`, and skips malformed tenders', () => {
    expect(saleFigures({ receipt: {} }, [], 500).tenders).toEqual([{ kind: 'other', amount: 500 }]);
    const tenders = [
      { kind: 'cash', amount: 200 },
      { kind: 7, amount: 1 },
      { kind: 'wallet_code', amount: '3' },
      null,
    ];
    expect(saleFigures({ receipt: {}, tenders }, [], 500).tenders).toEqual([{ kind: 'cash', amount: 200 }]);
  });
});
