// A counter's Z report reaching HQ: the `shift.closed` event a real terminal store queued when its shift
// closed, sent over real HTTP to the HQ server on PGlite, and read back from HQ's z_reports view
// (migration 0011) as columns; a resend after a lost answer leaves one Z report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingEvents } from '../../db/outbox';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { createCheckoutContext } from '../../services/checkout/context';
import { createEventHub } from '../../services/events';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { createShiftService } from '../../services/shift/shift-service';
import { hashPin } from '../../services/staff/pin';
import { ATTENDANT_PIN } from '../helpers/attendant';
import { call, enrolDevice, startBackend, type TestBackend, type TestDevice } from '../helpers/postgres';
import { insertCounterSale } from '../helpers/shift-sales';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-db';

const PIN_HASH = hashPin(ATTENDANT_PIN, { N: 1024, r: 8, p: 1 });

describe('Z reports at HQ (PGlite)', () => {
  let backend: TestBackend;
  let server: RunningServer;
  let device: TestDevice;
  let temp: TempDatabase;

  beforeAll(async () => {
    backend = await startBackend('pglite');
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    device = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'C01');
    temp = openTempDatabase();
  });
  afterAll(async () => {
    temp?.cleanup();
    await server?.close();
    await backend?.stop();
  });

  it('stores each Z report once, queryable by terminal and number, with its figures and approver', async () => {
    const ctx = createCheckoutContext(
      temp.db,
      {
        ...DEFAULT_SETTINGS,
        storeId: 'S001',
        terminalId: 'C01',
        role: 'counter',
        attendants: [
          { id: 'S01', name: 'Zhao Lei', badge: 'STAFF-S01X', pinHash: PIN_HASH, role: 'supervisor' },
        ],
      },
      createEventHub(),
    );
    ctx.duty.current = { id: 'C01', name: 'Wang Fang', role: 'cashier' };
    const shifts = createShiftService(ctx);
    const opened = shifts.open({ '10000': 2 });
    if (!opened.ok) throw new Error(opened.error.message);
    insertCounterSale(temp.db, {
      shiftId: opened.value.id,
      total: 8750,
      tenders: [{ kind: 'cash', amount: 8750, tendered: 10_000 }],
    });
    shifts.payOut(1200, 'window cleaner');
    // Expected 275.50, counted 245.50: 30.00 short, approved by the supervisor.
    const counts = { '10000': 2, '2000': 2, '500': 1, '50': 1 };
    shifts.close(counts);
    const closed = shifts.close(counts, { badge: 'STAFF-S01X', pin: ATTENDANT_PIN });
    expect(closed).toMatchObject({ ok: true, value: { number: 1 } });

    const event = pendingEvents(temp.db, 1000).find((e) => e.type === 'shift.closed')!;
    const wire = { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
    for (const status of ['applied', 'duplicate']) {
      const reply = await call(server.url, 'POST', '/v1/events', {
        token: device.token,
        body: { events: [wire] },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.results).toEqual([{ id: event.id, status }]);
    }

    const { rows } = await server.db.query<Record<string, unknown>>(
      `SELECT terminal_id, number, closed_by, approved_by, currency, opening_float, sales_count, sales_total,
         cash, merchant_qr, pay_outs_total, expected_cash, counted_cash, difference
       FROM z_reports WHERE terminal_id = $1 AND number = $2`,
      ['C01', 1],
    );
    expect(
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      ),
    ).toEqual([
      {
        terminal_id: 'C01',
        number: 1,
        closed_by: 'C01',
        approved_by: 'S01',
        currency: 'CNY',
        opening_float: 20_000,
        sales_count: 1,
        sales_total: 8750,
        cash: 8750,
        merchant_qr: 0,
        pay_outs_total: 1200,
        expected_cash: 27_550,
        counted_cash: 24_550,
        difference: -3000,
      },
    ]);
  });
});
