// The whole lane, for real: `openlane serve` with a socat pseudo-terminal scanner, the built UI in
// Chromium, the payment simulator's pay page, and a kill -9 in the middle of a basket.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { minorToDecimal } from '../../core/money';
import { computeTotals } from '../../core/pricing/totals';
import type { Product } from '../../core/types';
import { startLane, type Lane } from '../helpers/browser';
import { decodeQrFromPng } from '../helpers/qr';
import type { PtyPair } from '../helpers/socat';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'lane');

describe('the lane: scan, pay with a payment code, receipt; and a crash mid-basket', () => {
  let dir: string;
  let lane: Lane;
  let pty: PtyPair;
  let browser: Browser;
  let page: Page;
  // Three different products sold by the piece, taken from the demo store the terminal loads itself.
  const items: Product[] = demoProducts()
    .filter((p) => p.unit === 'each' && p.ageLimit === null)
    .slice(0, 3);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const scan = (code: string) => pty.write(`${code}\r\n`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-lane-'));
    lane = await startLane({ dir, dataDir: join(dir, 'data') });
    ({ pty, browser, page } = lane);
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the welcome screen with the store name, language choice and help', async () => {
    await page.goto(lane.serve.url);
    await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('OpenLane Demo Market').first().isVisible()).toBe(true);
    await shot('01-welcome');
    await page.getByTestId('language-zh').click();
    await expect.poll(() => page.getByTestId('welcome').innerText()).toMatch(/扫描/);
    await shot('01-welcome-zh');
    await page.getByTestId('help-button').click();
    await expect.poll(() => page.getByTestId('help-overlay').isVisible()).toBe(true);
    await shot('02-help-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('language-en').click();
  });

  it('puts three scanned items in the basket with the right total; the same item again raises its quantity', async () => {
    for (const item of items) scan(item.barcode);
    scan(items[0]!.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
    await expect.poll(() => page.getByTestId('line-qty').first().innerText()).toMatch(/2/);

    const expected = computeTotals(
      items.map((p, i) => ({
        unit: p.unit,
        unitPrice: p.price,
        quantity: i === 0 ? 2 : 1,
        taxRateBp: p.taxRateBp,
      })),
      'inclusive',
    ).total;
    await expect
      .poll(() => page.getByTestId('basket-total').innerText())
      .toContain(minorToDecimal(expected, 2));
    // The newest line stands out.
    await expect
      .poll(() => page.locator('[data-testid="basket-line"][data-highlight="true"]').count())
      .toBe(1);
    await shot('03-basket');
  });

  it('says calmly that an unknown item is not found, and adds nothing', async () => {
    scan('4006381333931'); // a valid EAN-13 that is not in the demo store
    await expect.poll(() => page.getByTestId('scan-message').innerText()).toMatch(/can.t find this item/i);
    expect(await page.getByTestId('basket-line').count()).toBe(3);
    await shot('04-unknown-item');
  });

  it('pays by payment code: the QR opens the simulator page, Approve, and the receipt shows', async () => {
    await page.getByTestId('pay-button').click();
    const qr = page.getByTestId('payment-qr');
    await expect.poll(() => qr.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('payment-countdown').innerText()).toMatch(/\d/);
    await shot('05-payment');

    // Read the QR from pixels with an independent decoder, the way a phone would.
    const payUrl = decodeQrFromPng(await qr.screenshot());
    expect(payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
    expect(payUrl).toBe(await qr.getAttribute('data-payload'));

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(payUrl!);
    await phone.screenshot({ path: join(ARTIFACTS, '06-simulator-pay-page.png') });
    await phone.getByRole('button', { name: /approve/i }).click();
    await phone.waitForLoadState();
    await phone.close();

    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-number').innerText()).toMatch(/^S001-K01-\d{6}$/);
    await expect.poll(() => page.getByTestId('ereceipt-qr').isVisible()).toBe(true);
    const eReceipt = decodeQrFromPng(await page.getByTestId('ereceipt-qr').screenshot());
    expect(eReceipt).toContain(await page.getByTestId('receipt-number').innerText());
    await shot('07-paid-receipt');

    await page.getByTestId('done-button').click();
    await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
  });

  it('keeps the basket when the process is killed with -9 mid-basket', async () => {
    scan(items[1]!.barcode);
    scan(items[2]!.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(2);

    await lane.restart('SIGKILL');
    await page.goto(lane.serve.url);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('line-name').allInnerTexts())
      .toEqual([items[1]!.name, items[2]!.name]);
    await shot('08-basket-after-kill-9');

    // The restarted terminal still reads the scanner.
    scan(items[0]!.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
  });
});
