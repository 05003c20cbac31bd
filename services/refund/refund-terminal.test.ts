// The refunds as the terminal wires them (services/terminal.ts): refused until a cashier signs in, then a
// cash sale's line refunded through the terminal's own API, and the refund still there after a restart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { value } from '../../test/helpers/checkout';
import { CASHIER, seedCounterStaff, STAFF_PINS } from '../../test/helpers/staff';
import { DEFAULT_SETTINGS } from '../settings';
import { startTerminal, type Terminal } from '../terminal';

const dirs: string[] = [];
const running: Terminal[] = [];
afterEach(async () => {
  for (const terminal of running.splice(0)) await terminal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function counter(dir: string): Promise<Terminal> {
  const terminal = await startTerminal({ dataDir: dir });
  running.push(terminal);
  value(await terminal.api['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
  return terminal;
}

describe('refunds in the terminal', () => {
  it('refuses with nobody signed in, refunds a cash sale’s line once signed in, and keeps it over a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openlane-refund-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, role: 'counter' }));
    seedCounterStaff(dir);
    const locked = await startTerminal({ dataDir: dir });
    expect(await locked.api['refund.find']({ query: 'S01-C01-000001' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    await locked.close();

    let terminal = await counter(dir);
    const piece = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    const sold = value(await terminal.api['tender.cash']({ handed: piece.price }));
    const receiptNumber = sold.receipt!.receiptNumber;
    value(await terminal.api['sale.finish']({}));
    const refund = value(
      await terminal.api['refund.start']({
        receiptNumber,
        lines: [{ line: 0, quantity: 1, reason: 'changed_mind', disposition: 'restock' }],
      }),
    );
    expect(refund).toMatchObject({ state: 'done', total: piece.price, receiptNumber });

    running.splice(running.indexOf(terminal), 1);
    await terminal.close();
    terminal = await counter(dir);
    expect(value(await terminal.api['refund.get']({ refundId: refund.id }))).toMatchObject({
      refundNumber: refund.refundNumber,
      state: 'done',
    });
    const again = value(await terminal.api['refund.find']({ query: receiptNumber }));
    expect(again.lines[0]).toMatchObject({ refundedQuantity: 1, refundableQuantity: 0 });
  });
});
