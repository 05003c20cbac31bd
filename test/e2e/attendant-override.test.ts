// An attendant marks a payment paid that the kiosk cannot confirm, for real: `openlane staff add` with
// the PIN on stdin, `openlane serve` with a socat pseudo-terminal scanner, the built UI in Chromium,
// and the built-in payment simulator made unreachable for creates (its `timeout_before_charge` fault),
// so the payment stays `unknown` ("Checking your payment…") until the attendant comes over.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import type { SessionView } from '../../services/api/contract';
import { openKiosk } from '../helpers/browser';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { startPtyPair, type PtyPair } from '../helpers/socat';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'attendant');
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const BADGE = 'STAFF-A01X';
const PIN = '2468';

/** A port free right now, so the test knows where the terminal's built-in simulator listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('an attendant marks a payment paid that the kiosk cannot confirm', () => {
  let dir: string;
  let data: string;
  let pty: PtyPair;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let simulatorUrl: string;
  const items = demoProducts()
    .filter((p) => p.unit === 'each' && p.ageLimit === null)
    .slice(0, 3);

  /** After the dialog's rise-in animation (220 ms), so the picture shows it settled. */
  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };
  const scan = (code: string) => pty.write(`${code}\r\n`);
  const session = async (): Promise<SessionView> => {
    const response = await fetch(new URL('/api/session.get', serve.url), { method: 'POST', body: '{}' });
    return ((await response.json()) as { value: SessionView }).value;
  };
  const openlane = (args: string[], input = '') =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-attendant-'));
    data = join(dir, 'data');
    mkdirSync(data);
    const port = await freePort();
    simulatorUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(data, 'settings.json'),
      JSON.stringify({ payment: { provider: 'simulator', url: null, port } }),
    );
    // As store IT does it: the PIN on stdin, never on the command line.
    const added = openlane(
      ['staff', 'add', '--id', 'A01', '--name', 'Li Na', '--badge', BADGE, '--pin-stdin', '--data', data],
      `${PIN}\n`,
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/Added attendant A01 \(Li Na\)/);
    pty = await startPtyPair(dir);
    serve = await startServe({ dataDir: data, scanners: [pty.devicePath], testFaults: true });
    await waitForScanners(serve.url);
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await pty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a staff badge outside a payment keeps its quiet note', async () => {
    scan(BADGE);
    await expect.poll(() => page.getByTestId('scan-notice').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('staff-dialog').count()).toBe(0);
  });

  it('badge during a payment that cannot confirm: the dialog, a wrong PIN said so, the right PIN → Paid', async () => {
    for (const item of items) scan(item.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
    // The provider cannot be reached: every create is held and dropped.
    const fault = await fetch(`${simulatorUrl}/api/faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'timeout_before_charge', ms: 120_000 }),
    });
    expect(fault.status).toBe(201);
    await page.getByTestId('pay-button').click();
    await expect.poll(() => page.getByTestId('payment-checking').isVisible(), { timeout: 20_000 }).toBe(true);
    const { payment } = await session();
    expect(payment).toMatchObject({ status: 'unknown' });

    // In Chinese first: the attendant's dialog speaks the shopper's language.
    await page.getByTestId('language-zh').click();
    scan(BADGE);
    const dialog = page.getByTestId('staff-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.locator('h2').innerText()).toBe('标记为已付款？');
    await shot('attendant-01-dialog-zh');
    await page.getByTestId('staff-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByTestId('language-en').click();

    scan(BADGE);
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.locator('h2').innerText()).toBe('Mark as paid?');
    expect(await dialog.innerText()).toContain('Attendant: Li Na');
    expect(await page.getByTestId('staff-amount').innerText()).toBe(
      await page.getByTestId('payment-amount').innerText(),
    );
    expect(await page.getByTestId('staff-reason-phone').isChecked()).toBe(true);
    await shot('attendant-02-dialog');

    // A wrong PIN, typed on the keypad: masked, refused, said so; nothing changes.
    const pin = page.getByTestId('staff-pin-input');
    expect(await pin.getAttribute('type')).toBe('password');
    for (const digit of '1357') await dialog.getByRole('button', { name: digit, exact: true }).click();
    await shot('attendant-03-pin-masked');
    await page.getByTestId('staff-pin-submit').click();
    await expect
      .poll(() => page.getByTestId('staff-error').innerText(), { timeout: 10_000 })
      .toBe('Wrong PIN — please try again');
    expect(await page.getByTestId('staff-error').getAttribute('data-code')).toBe('staff_denied');
    expect((await session()).payment).toMatchObject({ id: payment!.id, status: 'unknown' });
    await shot('attendant-04-wrong-pin');

    // The right PIN: the normal Paid screen and receipt.
    await pin.fill(PIN);
    await page.getByTestId('staff-pin-submit').click();
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-number').innerText()).toMatch(/^S001-K01-\d{6}$/);
    expect(await dialog.count()).toBe(0);
    await shot('attendant-05-paid');

    // The store's records: the payment names the attendant, the journal holds the override and verifies.
    const db = new Database(join(data, 'openlane.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT status, confirmed_by FROM payments WHERE id = ?').get(payment!.id)).toEqual({
        status: 'paid',
        confirmed_by: 'A01',
      });
      const kinds = db.prepare('SELECT kind FROM journal ORDER BY seq').pluck().all();
      expect(kinds.slice(-3)).toEqual(['override', 'payment', 'sale']);
      const override = JSON.parse(
        db.prepare("SELECT entry FROM journal WHERE kind = 'override'").pluck().get() as string,
      ) as { data: Record<string, unknown> };
      expect(override.data).toMatchObject({
        action: 'mark_paid',
        attendantId: 'A01',
        reason: 'Shopper’s phone shows it paid',
        paymentId: payment!.id,
        amount: payment!.amount,
      });
    } finally {
      db.close();
    }
    const verified = openlane(['journal', 'verify', '--data', data]);
    expect(verified.status).toBe(0);
    await fetch(`${simulatorUrl}/api/faults`, { method: 'DELETE' });
    await page.getByTestId('done-button').click();
    await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
  });
});
