// A refund the wallet's provider turns down, end to end in Chromium by keyboard: `openlane serve --role
// counter` with its built-in payment simulator (fault injection on, as only tests switch it on). The
// cashier sells an item paid by the customer's wallet code; the simulator is told to decline the next
// refund of that amount; F1 Returns, the receipt's number, the line back to the wallet: declined. The
// screen says so and offers F5, the cash instead; the cashier's own badge is refused, a supervisor
// approves, and the refund is done with the cash given. The X report counts it as a cash refund.
// Screens are saved at 1280×800 and 1024×768 in test-artifacts/counter-refund/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { axeProblems } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { focused, scanAll, shootBoth } from '../helpers/counter-day';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { freePort } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';
import { CASHIER, STAFF_PINS, SUPERVISOR } from '../helpers/staff';
import { typeLikeScanner } from '../helpers/wedge';

const OUT = fileURLToPath(new URL('../../test-artifacts/counter-refund/', import.meta.url));
const WAIT = { timeout: 10_000 };
const ITEM = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null && p.price >= 500)!;
const PRICE = (ITEM.price / 100).toFixed(2);

let dir: string;
let serve: ServeProcess;
let simulatorUrl: string;
let browser: Browser;
let page: Page;
let receiptNumber: string;

const text = (id: string) => page.getByTestId(id).innerText();
const approveAs = async (who: { badge: string }, pin: string) => {
  await expect.poll(() => focused(page), WAIT).toBe('badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-refund-declined-'));
  mkdirSync(OUT, { recursive: true });
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  const port = await freePort();
  simulatorUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(data, 'settings.json'),
    JSON.stringify({
      role: 'counter',
      terminalId: 'C01',
      payment: { provider: 'simulator', url: null, port },
    }),
  );
  seedCounterStaff(data);
  serve = await startServe({ dataDir: data, args: ['--role', 'counter'], testFaults: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.url);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a refund the wallet declines, given in cash instead', () => {
  it('sells one item paid by the customer’s wallet code', async () => {
    await signInAtCounter(page);
    await scanAll(page, [ITEM.barcode]);
    await expect.poll(() => text('basket-total'), WAIT).toContain(PRICE);
    await page.keyboard.press('F12');
    await expect.poll(() => focused(page), WAIT).toBe('tender-entry');
    await typeLikeScanner(page, WALLET.pays);
    await page.getByTestId('paid').waitFor(WAIT);
    receiptNumber = await text('receipt-number');
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-empty').waitFor(WAIT);
  });

  it('its refund declined: the screen says what is owed and offers the cash instead (F5)', async () => {
    const fault = await fetch(`${simulatorUrl}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'decline', times: 1, amount: ITEM.price }),
    });
    expect(fault.ok).toBe(true);
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await page.keyboard.type(receiptNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('refund-sale').waitFor(WAIT);
    await page.keyboard.press('Enter'); // the whole line
    await expect.poll(() => text('refund-quote-total'), WAIT).toContain(PRICE);
    await page.keyboard.press('F12');
    await page.getByTestId('refund-confirm').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('refund-progress').getAttribute('data-state'), WAIT)
      .toBe('needs_attention');
    await expect.poll(() => text('refund-declined-hint'), WAIT).toContain(PRICE);
    expect(await page.getByTestId('refund-tender').first().getAttribute('data-status')).toBe('declined');
    await shootBoth(page, OUT, 'declined');
    expect(await axeProblems(page, 'declined refund')).toEqual([]);
  });

  it('F5: the cashier’s own badge is refused, a supervisor approves, and the cash goes back', async () => {
    await page.keyboard.press('F5');
    await page.getByTestId('approval-dialog').waitFor(WAIT);
    await approveAs(CASHIER, STAFF_PINS.cashier);
    await expect.poll(() => page.getByTestId('staff-refusal').count(), WAIT).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('approval-dialog').count(), WAIT).toBe(0);
    await page.keyboard.press('F5');
    await page.getByTestId('approval-dialog').waitFor(WAIT);
    await approveAs(SUPERVISOR, STAFF_PINS.supervisor);
    await expect
      .poll(() => page.getByTestId('refund-progress').getAttribute('data-state'), WAIT)
      .toBe('done');
    await expect.poll(() => text('refund-give-cash'), WAIT).toContain(PRICE);
    const tenders = page.getByTestId('refund-tender');
    expect(await tenders.nth(1).getAttribute('data-kind')).toBe('cash');
    expect(await tenders.nth(1).getAttribute('data-status')).toBe('paid');
    await shootBoth(page, OUT, 'declined-cash-instead');
    // The simulator was asked once, and turned it down: no money went back twice.
    const payments = JSON.parse(readFileSync(join(dir, 'data', 'payment-simulator.json'), 'utf8')) as {
      refunds?: { status: string }[];
    }[];
    expect(payments.flatMap((p) => p.refunds ?? []).map((r) => r.status)).toEqual(['declined']);
  });

  it('the X report counts the cash given as a cash refund', async () => {
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
    await page.keyboard.press('F9');
    await page.getByTestId('shift-menu').waitFor(WAIT);
    await page.keyboard.press('4');
    const x = page.getByTestId('x-report');
    await x.waitFor(WAIT);
    await expect.poll(() => x.innerText(), WAIT).toMatch(new RegExp(`Cash refunds \\(1\\)\\s*¥${PRICE}`));
    // The wallet gave nothing back: no refund to the wallet is counted.
    expect(await x.innerText()).not.toMatch(/Refunds to wallet \(1\)/);
  });
});
