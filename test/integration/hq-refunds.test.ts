// Refunds arriving at HQ (issue 12), on PGlite and on a real PostgreSQL, over real HTTP: `refund.completed`
// events recorded once, restocked lines back in stock and written-off ones not, an offline refund beyond
// the sale flagged with every terminal and member of staff named (and listed on the admin API), training
// refunds kept apart, malformed ones filed as dead letters, and migration 0012 on an older database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireEvent, type RefundPayload } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import type { Database } from '../../server';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { BACKENDS, call, startBackend } from '../helpers/postgres';
import { refundPayload } from '../helpers/refund-events';
import {
  ADMIN,
  RICE,
  SOAP,
  TEA,
  counterSale,
  refundLine,
  startRefundHq,
  type RefundHq,
} from '../helpers/refund-hq';

/** A refund made at C02 while HQ could not be asked, approved by supervisor S01. */
const offlineAtC02 = (receiptNumber: string, lines: RefundPayload['lines']) =>
  wireEvent(
    'refund.completed',
    refundPayload({
      receiptNumber,
      terminalId: 'C02',
      staffId: 'S09',
      approvedBy: 'S01',
      offline: true,
      lines,
    }),
  );

describe.each(BACKENDS)('refunds at HQ on %s', (kind) => {
  let hq: RefundHq;
  beforeAll(async () => {
    hq = await startRefundHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('records a refund once, moves restocked lines back into stock, and counts it per line and tender', async () => {
    const { receiptNumber } = await hq.sold();
    const tea = await hq.onHand(TEA);
    const soap = await hq.onHand(SOAP);
    const refundId = uuidv7();
    expect(
      await hq.claim(hq.c02, {
        refundId,
        receiptNumber,
        terminalId: 'C02',
        staffId: 'S09',
        lines: [
          { line: 0, quantity: 1 },
          { line: 2, quantity: 2 },
        ],
      }),
    ).toMatchObject({ status: 200 });
    const event = wireEvent(
      'refund.completed',
      refundPayload({
        id: refundId,
        receiptNumber,
        lines: [refundLine(0, 1, 889), refundLine(2, 2, 889, 'write_off')],
      }),
    );
    expect(await hq.push(hq.c02, [event])).toEqual([{ id: event.id, status: 'applied' }]);
    expect(await hq.push(hq.c02, [event])).toEqual([{ id: event.id, status: 'duplicate' }]);
    expect(await hq.onHand(TEA)).toBe(tea + 1);
    expect(await hq.onHand(SOAP)).toBe(soap);
    const { rows: moves } = await hq.server.db.query<{ kind: string; quantity: unknown }>(
      'SELECT kind, quantity FROM stock_movements WHERE event_id = $1',
      [event.id],
    );
    expect(moves.map((m) => [m.kind, Number(m.quantity)])).toEqual([['return', 1]]);
    const view = await hq.get(hq.c01, `/v1/sales/${receiptNumber}`);
    // The refund replaces its claim: counted once, at the money it gave back.
    expect(
      view.body.lines.map((l: { refundedQuantity: number; refundedAmount: number }) => [
        l.refundedQuantity,
        l.refundedAmount,
      ]),
    ).toEqual([
      [1, 889],
      [0, 0],
      [2, 889],
    ]);
    expect(view.body.tenders.map((t: { refunded: number }) => t.refunded)).toEqual([0, 1778]);
    const { rows: flags } = await hq.server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(flags).toHaveLength(0);
  });

  it('flags an offline refund beyond the sale, naming both terminals and staff, and still records it', async () => {
    const { receiptNumber } = await hq.sold();
    const online = wireEvent(
      'refund.completed',
      refundPayload({ receiptNumber, terminalId: 'C01', staffId: 'S07', lines: [refundLine(1, 1, 4444)] }),
    );
    const offline = offlineAtC02(receiptNumber, [refundLine(1, 1, 4444)]);
    expect(await hq.push(hq.c01, [online])).toMatchObject([{ status: 'applied' }]);
    expect(await hq.push(hq.c02, [offline])).toMatchObject([{ status: 'applied' }]);
    const { rows } = await hq.server.db.query<Record<string, unknown>>(
      'SELECT refund_id, code, lines, excess_amount, involved, terminal_ids, staff_ids FROM refund_flags WHERE receipt_number = $1',
      [receiptNumber],
    );
    expect(rows).toHaveLength(1);
    const flag = rows[0]!;
    expect(flag).toMatchObject({ refund_id: offline.payload.id, code: 'refund_exceeds_sale' });
    expect(Number(flag.excess_amount)).toBe(4444);
    expect(flag.lines).toEqual([{ line: 1, sold: 1, before: 1, refunded: 1, excess: 1, excessAmount: 4444 }]);
    expect([...(flag.terminal_ids as string[])].sort()).toEqual(['C01', 'C02']);
    expect([...(flag.staff_ids as string[])].sort()).toEqual(['S01', 'S07', 'S09']);
    expect(flag.involved).toEqual([
      expect.objectContaining({
        kind: 'refund',
        refundId: online.payload.id,
        terminalId: 'C01',
        staffId: 'S07',
        offline: false,
      }),
      expect.objectContaining({
        kind: 'refund',
        refundId: offline.payload.id,
        terminalId: 'C02',
        staffId: 'S09',
        approvedBy: 'S01',
        offline: true,
      }),
    ]);
    const view = await hq.get(hq.c01, `/v1/sales/${receiptNumber}`);
    expect(view.body.lines[1]).toMatchObject({ sold: 1, refundedQuantity: 2, refundedAmount: 8888 });
    // The back office reads it over the admin API.
    const listed = await call(hq.server.url, 'GET', '/admin/v1/refund-flags?store=S001', { token: ADMIN });
    expect(listed.status).toBe(200);
    expect(listed.body.flags[0]).toMatchObject({
      refundId: offline.payload.id,
      receiptNumber,
      code: 'refund_exceeds_sale',
      excessAmount: 4444,
      lines: [{ line: 1, excess: 1 }],
    });
    expect([...listed.body.flags[0].terminalIds].sort()).toEqual(['C01', 'C02']);
    const bad = await call(hq.server.url, 'GET', '/admin/v1/refund-flags?store=S001&limit=0', {
      token: ADMIN,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit: must be a whole number from 1 to 1000/);
    expect(
      (await call(hq.server.url, 'GET', '/admin/v1/refund-flags?store=S001', { token: hq.c01.token })).status,
    ).toBe(401);
  });

  it('flags an offline refund that takes a line an online terminal has claimed, naming the claim', async () => {
    const { receiptNumber } = await hq.sold();
    const claimId = uuidv7();
    const claimed = {
      refundId: claimId,
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 2, quantity: 2 }],
    };
    expect((await hq.claim(hq.c01, claimed)).status).toBe(200);
    const offline = offlineAtC02(receiptNumber, [refundLine(2, 1, 444)]);
    expect(await hq.push(hq.c02, [offline])).toMatchObject([{ status: 'applied' }]);
    const { rows } = await hq.server.db.query<{ involved: unknown; lines: unknown }>(
      'SELECT involved, lines FROM refund_flags WHERE receipt_number = $1',
      [receiptNumber],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lines).toEqual([
      { line: 2, sold: 2, before: 2, refunded: 1, excess: 1, excessAmount: 444 },
    ]);
    expect(rows[0]!.involved).toEqual([
      {
        kind: 'claim',
        refundId: claimId,
        refundNumber: null,
        terminalId: 'C01',
        staffId: 'S07',
        approvedBy: null,
        offline: false,
      },
      expect.objectContaining({
        kind: 'refund',
        refundId: offline.payload.id,
        terminalId: 'C02',
        approvedBy: 'S01',
      }),
    ]);
  });

  it('keeps training refunds apart: no stock, no flag, counted only against the training sale', async () => {
    const { receiptNumber } = await hq.sold(hq.c01, new Date(), { training: true });
    const rice = await hq.onHand(RICE);
    for (let i = 0; i < 2; i++) {
      const event = wireEvent(
        'refund.completed',
        refundPayload({ receiptNumber, training: true, offline: true, lines: [refundLine(1, 1, 4444)] }),
      );
      expect(await hq.push(hq.c02, [event])).toMatchObject([{ status: 'applied' }]);
    }
    expect(await hq.onHand(RICE)).toBe(rice);
    const { rows } = await hq.server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(rows).toHaveLength(0);
    const view = await hq.get(hq.c02, `/v1/sales/${receiptNumber}`);
    expect(view.body).toMatchObject({ training: true });
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 2 });
  });

  it('files a malformed refund event as a dead letter with its reason, and applies the rest', async () => {
    const { receiptNumber } = await hq.sold();
    const bad = wireEvent('refund.completed', {
      ...refundPayload({ receiptNumber, lines: [refundLine(0, 1, 100)] }),
      lines: [{ line: 0, quantity: -1 }],
    });
    const foreign = wireEvent(
      'refund.completed',
      refundPayload({ receiptNumber, storeId: 'S002', lines: [refundLine(0, 1, 100)] }),
    );
    const good = wireEvent(
      'refund.completed',
      refundPayload({ receiptNumber, lines: [refundLine(0, 1, 889)] }),
    );
    const results = await hq.push(hq.c02, [bad, foreign, good]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'bad_payload' });
    expect(results[0]!.reason).toMatch(/payload\.lines\.0\.quantity/);
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'store_mismatch' });
    expect(results[2]).toEqual({ id: good.id, status: 'applied' });
    // The same refund again under another event id (a terminal that lost its outbox row) is not a second refund.
    const again = wireEvent('refund.completed', good.payload);
    const [twice] = await hq.push(hq.c02, [again]);
    expect(twice).toMatchObject({ status: 'rejected', code: 'refund_already_recorded' });
    const dead = await hq.get(hq.c02, '/v1/dead-letters');
    expect(dead.body.items.map((d: { eventId: string }) => d.eventId)).toEqual(
      expect.arrayContaining([bad.id, foreign.id, again.id]),
    );
    const view = await hq.get(hq.c01, `/v1/sales/${receiptNumber}`);
    expect(view.body.lines[0]).toMatchObject({ refundedQuantity: 1, refundedAmount: 889 });
  });

  it('migration 0012 keeps the ledger as it was and takes return movements from then on', async () => {
    // A database of its own, migrated to 0011 first, as an HQ that ran the previous release.
    const own = await startBackend(kind);
    const db: Database = own.databaseUrl
      ? await openPostgres(own.databaseUrl)
      : await openPglite(own.dataDir!);
    try {
      const all = loadMigrations();
      expect(all[11]).toMatchObject({ version: 12, name: 'refunds' });
      await migrate(db, all.slice(0, 11));
      const move = (kind: string) =>
        db.query(
          `INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, device_id, occurred_at,
             received_at) VALUES (gen_random_uuid(), gen_random_uuid(), 1, $1, 1, $2, gen_random_uuid(), now(), now())`,
          [TEA, kind],
        );
      await move('sale');
      await expect(move('return')).rejects.toThrow(/stock_movements_kind_check/);
      expect(await migrate(db, all.slice(0, 12))).toBe(12);
      await move('return');
      await move('transfer_in');
      await expect(move('refund')).rejects.toThrow(/stock_movements_kind_check/);
      const { rows } = await db.query<{ kind: string }>('SELECT kind FROM stock_movements ORDER BY kind');
      expect(rows.map((r) => r.kind)).toEqual(['return', 'sale', 'transfer_in']);
    } finally {
      await db.close();
      await own.stop();
    }
  });

  it('applies a sale and its refund sent in one batch, the refund after the sale', async () => {
    const sale = counterSale('S001', 'C01', new Date());
    const rice = await hq.onHand(RICE);
    const event = wireEvent(
      'refund.completed',
      refundPayload({
        receiptNumber: sale.receiptNumber,
        terminalId: 'C01',
        offline: true,
        lines: [refundLine(1, 1, 4444)],
      }),
    );
    expect(await hq.push(hq.c01, [sale.event, event])).toEqual([
      { id: sale.event.id, status: 'applied' },
      { id: event.id, status: 'applied' },
    ]);
    // Sold and returned to the shelf: the rice is where it was, and nothing is beyond the sale.
    expect(await hq.onHand(RICE)).toBe(rice);
    const view = await hq.get(hq.c02, `/v1/sales/${sale.receiptNumber}`);
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 1, refundedAmount: 4444 });
    const { rows } = await hq.server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      sale.receiptNumber,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('records a refund of a sale HQ has not got, and a return without a receipt, moving restocked stock', async () => {
    const soap = await hq.onHand(SOAP);
    const unknown = wireEvent(
      'refund.completed',
      refundPayload({ receiptNumber: 'S001-C07-000999', lines: [{ ...refundLine(0, 1, 500), gtin: SOAP }] }),
    );
    const noReceipt = wireEvent(
      'refund.completed',
      refundPayload({
        receiptNumber: null,
        approvedBy: 'S01',
        lines: [{ ...refundLine(0, 2, 900), gtin: SOAP }],
      }),
    );
    const blind = wireEvent(
      'refund.completed',
      refundPayload({ receiptNumber: null, lines: [refundLine(0, 1, 100)] }),
    );
    const results = await hq.push(hq.c02, [unknown, noReceipt, blind]);
    expect(results.slice(0, 2)).toEqual([
      { id: unknown.id, status: 'applied' },
      { id: noReceipt.id, status: 'applied' },
    ]);
    expect(results[2]).toMatchObject({ status: 'rejected', code: 'bad_payload' });
    expect(results[2]!.reason).toMatch(/without a receipt needs its gtin/);
    expect(await hq.onHand(SOAP)).toBe(soap + 3);
    const { rows } = await hq.server.db.query<{ receipt_number: string | null; line: number | null }>(
      `SELECT r.receipt_number, l.line FROM refunds r JOIN refund_lines l ON l.refund_id = r.id
       WHERE r.id = ANY($1::uuid[]) ORDER BY r.receipt_number NULLS FIRST`,
      [[unknown.payload.id, noReceipt.payload.id]],
    );
    expect(rows).toEqual([
      { receipt_number: null, line: null },
      { receipt_number: 'S001-C07-000999', line: 0 },
    ]);
  });
});
