import { describe, expect, it } from 'vitest';
import { readCsv } from '../../core/catalog/csv';
import { purchaseOrderRows } from './po-rows';

const MILK = '6900000000014';
const BREAD = '6900000000021';
const rows = (...lines: string[]) => purchaseOrderRows(readCsv(lines.join('\n')));

describe('purchase-order rows', () => {
  it('groups lines into POs per store and number, in any column order', () => {
    expect(
      rows(
        'quantity,barcode,supplier,po_number,store',
        `10,${MILK},Acme,PO-1,S001`,
        `4,${BREAD},Acme,PO-1,S001`,
        `3,${MILK},Acme,PO-1,S002`,
      ),
    ).toEqual({
      ok: true,
      orders: [
        {
          store: 'S001',
          number: 'PO-1',
          supplier: 'Acme',
          expectedOn: null,
          line: 2,
          lines: [
            { gtin: `0${MILK}`, quantity: 10, line: 2 },
            { gtin: `0${BREAD}`, quantity: 4, line: 3 },
          ],
        },
        expect.objectContaining({ store: 'S002', lines: [{ gtin: `0${MILK}`, quantity: 3, line: 4 }] }),
      ],
    });
  });

  it('names every bad row by its line', () => {
    const result = rows(
      'store,po_number,supplier,barcode,quantity,expected_on',
      `S001,PO-1,Acme,${MILK},10,2026-12-08`,
      `S 1,PO-1,Acme,${MILK},1,`,
      `S001,PO-1,Other,${BREAD},1,2026-12-08`,
      `S001,PO-1,Acme,${MILK},2,2026-12-08`,
      `S001,PO-2,Acme,${BREAD},0,2026-02-30`,
      `S001,PO-3,Acme,${BREAD},1.5,`,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.line, e.message.split(' ')[0]])).toEqual([
      [3, 'store'],
      [4, 'PO'],
      [5, 'barcode'],
      [6, 'quantity'],
      [6, 'expected_on'],
      [7, 'quantity'],
    ]);
  });

  it('refuses a file without the columns, or without rows', () => {
    expect(rows('store,barcode,quantity')).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining('po_number, supplier') }],
    });
    expect(rows('store,po_number,supplier,barcode,quantity')).toMatchObject({ ok: false });
    expect(rows('')).toMatchObject({ ok: false });
  });
});
