// Paying with the shopper's own payment code, for real: `openlane serve` with a socat pseudo-terminal
// scanner, the built UI in Chromium, and the payment simulator's page where the shopper confirms.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import type { SessionView } from '../../services/api/contract';
import { openKiosk } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { startPtyPair, type PtyPair } from '../helpers/socat';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'lane');

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

describe('paying with the shopper’s payment code, scanned at the kiosk', () => {
  let dir: string;
  let pty: PtyPair;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let simulatorUrl: string;
  const items = demoProducts()
    .filter((p) => p.unit === 'each' && p.ageLimit === null)
    .slice(0, 3);

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const scan = (code: string) => pty.write(`${code}\r\n`);
  const session = async (): Promise<SessionView> => {
    const response = await fetch(new URL('/api/session.get', serve.url), { method: 'POST', body: '{}' });
    return ((await response.json()) as { value: SessionView }).value;
  };
  const scanThreeItems = async () => {
    for (const item of items) scan(item.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
  };
  /** The shopper confirms on the phone: the simulator's page for the payment the kiosk is paying. */
  const confirmOnPhone = async (name: string) => {
    const reference = (await session()).payment!.reference;
    const record = await fetch(`${simulatorUrl}/api/payments/${reference}`);
    const { payUrl } = (await record.json()) as { payUrl: string };
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(payUrl);
    await phone.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    await phone.getByRole('button', { name: /approve/i }).click();
    await phone.waitForLoadState();
    await phone.close();
  };
  /** Switches one of the simulator's fault modes on for the next request it applies to. */
  const fault = async (body: Record<string, unknown>) => {
    const response = await fetch(`${simulatorUrl}/api/faults`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
  };
  const finish = async () => {
    await page.getByTestId('done-button').click();
    await expect.poll(() => page.getByTestId('welcome').isVisible()).toBe(true);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-code-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    const port = await freePort();
    simulatorUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(data, 'settings.json'),
      // The shortest payment timeout the settings allow, so a charge nobody confirms times out in the test.
      JSON.stringify({ paymentTimeoutSeconds: 15, payment: { provider: 'simulator', url: null, port } }),
    );
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

  it('three items, then the wallet code on the scanner: paid at once, and the receipt shows', async () => {
    await scanThreeItems();
    scan(WALLET.pays);
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-number').innerText()).toMatch(/^S001-K01-\d{6}$/);
    // The receipt says which wallet paid, and shows only the mask of its code.
    const masked = `${WALLET.pays.slice(0, 4)}****${WALLET.pays.slice(-4)}`;
    expect(await page.getByTestId('receipt-paid-by').innerText()).toBe(`Paid by WeChat Pay ${masked}`);
    expect(await page.content()).not.toContain(WALLET.pays);
    await shot('code-01-paid-at-once');
    await finish();
  });

  it('a code that asks for confirmation: the screen says so, with the masked code and no QR; Approve pays', async () => {
    await scanThreeItems();
    scan(WALLET.confirms);
    const status = page.getByTestId('payment-code-status');
    await expect
      .poll(() => status.innerText(), { timeout: 10_000 })
      .toBe('Confirm the payment on your phone');
    expect(await page.getByTestId('payment').getAttribute('data-method')).toBe('customer_presented');
    expect(await page.getByTestId('payment-masked-code').innerText()).toBe('1345****1237');
    expect(await page.getByTestId('payment-qr').count()).toBe(0);
    expect(await page.getByTestId('payment-cancel').isEnabled()).toBe(true);
    expect(await page.content()).not.toContain(WALLET.confirms);
    await shot('code-02-confirm-on-phone');

    await confirmOnPhone('code-03-simulator-confirm-page');
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('code-04-paid-after-confirm');
    await finish();
  });

  it('in Chinese: the QR screen offers the code instead, and showing it replaces the QR payment', async () => {
    await page.getByTestId('language-zh').click();
    await scanThreeItems();
    await page.getByTestId('pay-button').click();
    await page.getByTestId('payment-qr').waitFor();
    await expect.poll(() => page.getByTestId('or-scan-code').innerText()).toBe('你也可以扫描付款码');
    await shot('code-05-qr-or-scan-code-zh');

    scan(WALLET.confirms);
    await expect
      .poll(() => page.getByTestId('payment-code-status').innerText(), { timeout: 10_000 })
      .toBe('请在手机上确认付款');
    expect(await page.getByTestId('payment-qr').count()).toBe(0);
    await shot('code-06-confirm-on-phone-zh');

    await confirmOnPhone('code-07-simulator-confirm-page-2');
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('code-08-paid-zh');
    // One sale for the basket; the QR payment it replaced was cancelled, never paid.
    const payments = await fetch(`${simulatorUrl}/`).then((r) => r.text());
    expect(payments).toContain('No payment is waiting');
    await finish();
  });

  it('a declined code says so calmly and the basket stays, ready to pay another way', async () => {
    await scanThreeItems();
    scan(WALLET.declines);
    await expect.poll(() => page.getByTestId('payment-notice').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('payment-notice').getAttribute('data-kind')).toBe('declined');
    expect(await page.getByTestId('basket-line').count()).toBe(3);
    await shot('code-09-declined');
  });

  it('the provider does not answer: the screen says it is checking, never declined; once found, Paid', async () => {
    // Whatever the test before left, start from an empty basket.
    await fetch(new URL('/api/basket.cancel', serve.url), { method: 'POST', body: '{}' });
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(0);
    await scanThreeItems();
    await fault({ mode: 'timeout_after_charge', times: 1 });
    // Slow (within the timeout) for the charge and the query after it, so the checking screen stays a moment.
    await fault({ mode: 'slow', ms: 2500, times: 2 });
    scan(WALLET.pays);
    await expect.poll(() => page.getByTestId('payment-checking').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('payment-checking').innerText()).toBe('Checking your payment…');
    expect(await page.getByTestId('payment-notice').count()).toBe(0);
    await shot('code-10-no-answer-checking');
    // The kiosk asks the provider by its reference: charged once, so the sale stands.
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot('code-11-paid-after-checking');
    await finish();
  });

  it('a code nobody confirms on the phone times out: the screen says so, nothing charged, the basket stays', async () => {
    await scanThreeItems();
    scan(WALLET.confirms);
    await expect
      .poll(() => page.getByTestId('payment-code-status').innerText(), { timeout: 10_000 })
      .toBe('Confirm the payment on your phone');
    const { reference } = (await session()).payment!;
    // The settings' 15 s payment timeout runs out; the kiosk reverses the charge.
    await expect.poll(() => page.getByTestId('payment-notice').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('payment-notice').getAttribute('data-kind')).toBe('expired');
    expect(await page.getByTestId('payment-notice').innerText()).toMatch(/expired\. Nothing was charged/);
    expect(await page.getByTestId('basket-line').count()).toBe(3);
    const record = await fetch(`${simulatorUrl}/api/payments/${reference}`).then((r) => r.json());
    expect(record).toMatchObject({ status: 'cancelled' });
    await shot('code-12-timed-out');
  });
});
