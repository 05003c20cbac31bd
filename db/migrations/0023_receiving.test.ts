import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(22);
const { insert } = migrationRows(temp);
const T = '2026-12-07T08:00:00.000Z';
const receiving = (id: string, values: Record<string, unknown> = {}) =>
  insert('receivings', {
    id,
    reference: 'DN-1',
    reference_key: 'dn-1',
    supplier: 'Acme',
    state: 'open',
    staff_id: 'S7',
    terminal_id: 'C01',
    started_at: T,
    ...values,
  });

describe('migration 0023_receiving', () => {
  it('takes a delivery note once, unless the receiving that took it was cancelled', () => {
    migrate(temp.db, { target: 23 });
    receiving('r1', { state: 'cancelled', finished_at: T });
    receiving('r2');
    expect(() => receiving('r3')).toThrow(/UNIQUE constraint failed/);
    receiving('r4', { reference_key: 'dn-2' });
    expect(temp.db.prepare('SELECT id FROM receivings ORDER BY id').all()).toEqual([
      { id: 'r1' },
      { id: 'r2' },
      { id: 'r4' },
    ]);
  });

  it('refuses a line below zero, and an open receiving with a finish time', () => {
    migrate(temp.db, { target: 23 });
    receiving('r1');
    insert('receiving_lines', {
      receiving_id: 'r1',
      gtin: '1',
      position: 1,
      expected: 0,
      received: 2,
      damaged: 0,
    });
    expect(() =>
      insert('receiving_lines', {
        receiving_id: 'r1',
        gtin: '2',
        position: 2,
        expected: 0,
        received: -1,
        damaged: 0,
      }),
    ).toThrow(/CHECK constraint failed/);
    expect(() => receiving('r2', { reference_key: 'x', finished_at: T })).toThrow(/CHECK constraint failed/);
  });

  it('drops an expected delivery with its lines when the cache is replaced', () => {
    migrate(temp.db, { target: 23 });
    insert('expected_deliveries', {
      id: 'd1',
      kind: 'purchase_order',
      number: 'PO-1',
      source: 'Acme',
      fetched_at: T,
    });
    insert('expected_delivery_lines', {
      delivery_id: 'd1',
      position: 1,
      gtin: '1',
      expected: 5,
      received: 0,
      damaged: 0,
    });
    temp.db.prepare('DELETE FROM expected_deliveries').run();
    expect(temp.db.prepare('SELECT count(*) AS n FROM expected_delivery_lines').get()).toEqual({ n: 0 });
  });
});
