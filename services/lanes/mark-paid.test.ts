// "Mark as paid" from the attendant console: the lane's payment cannot be confirmed (its provider holds
// every charge), the console sees it in the queue, and the attendant's badge and PIN — checked by the
// lane, under the existing rule — complete the sale, journalled as at the lane.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { ATTENDANT, ATTENDANT_PIN } from '../../test/helpers/attendant';
import { eventually, value } from '../../test/helpers/checkout';
import { laneDataDir } from '../../test/helpers/lanes';
import { freePort } from '../../test/helpers/postgres';
import { startTerminal, type Terminal } from '../terminal';

const BADGE = ATTENDANT.badge;
const PIN = ATTENDANT_PIN;
const running: Terminal[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const terminal of running.splice(0)) await terminal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('mark as paid from the console', () => {
  it('completes a payment the provider cannot confirm, with the PIN checked and journalled by the lane', async () => {
    const consoleDir = laneDataDir('C01', 'attendant', {});
    dirs.push(consoleDir);
    const console = await startTerminal({ dataDir: consoleDir });
    running.push(console);
    const simulatorPort = await freePort();
    const laneDir = laneDataDir(
      'K01',
      'kiosk',
      { console: `http://127.0.0.1:${console.laneLinkPort}` },
      {
        payment: { provider: 'simulator', url: null, port: simulatorPort },
        paymentTimeoutSeconds: 15,
        attendants: [ATTENDANT],
      },
    );
    dirs.push(laneDir);
    const lane = await startTerminal({ dataDir: laneDir, simulatorTestFaults: true });
    running.push(lane);

    const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    value(await lane.api['basket.addScan']({ code: item.barcode, source: 'keypad' }));
    const fault = await fetch(`http://127.0.0.1:${simulatorPort}/api/faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'timeout_before_charge', ms: 120_000 }),
    });
    expect(fault.status).toBe(201);
    void lane.api['payment.start']({});

    const call = await eventually(
      'the unconfirmed payment in the console queue',
      async () =>
        value(await console.api['lanes.board']({})).queue.find((c) => c.kind === 'payment-unconfirmed') ??
        null,
      30_000,
    );
    const paymentId = call.paymentId!;
    const wrong = await console.api['lanes.markPaid']({
      laneId: 'K01',
      paymentId,
      badge: BADGE,
      pin: '0000',
      reason: 'Phone shows paid',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'staff_denied' } });

    value(
      await console.api['lanes.markPaid']({
        laneId: 'K01',
        paymentId,
        badge: BADGE,
        pin: PIN,
        reason: 'Phone shows paid',
      }),
    );
    const session = value(await lane.api['session.get']({}));
    expect(session.receipt).not.toBeNull();
    await eventually('the call settled and the lane paid on the board', async () => {
      const board = value(await console.api['lanes.board']({}));
      return board.queue.length === 0 && board.lanes[0]?.activity === 'paid';
    });

    const db = new Database(join(laneDir, 'openlane.db'), { readonly: true });
    try {
      const overrides = db.prepare("SELECT entry FROM journal WHERE kind = 'override'").all() as {
        entry: string;
      }[];
      expect(overrides.map((row) => JSON.parse(row.entry) as { data: unknown })).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ action: 'mark_paid', paymentId, attendantId: 'A01' }),
        }),
      ]);
    } finally {
      db.close();
    }
  }, 60_000);
});
