// The rest of what a shopper does at the kiosk, in Chromium against a real `openlane serve`:
// keyboard-wedge and keypad scans, quantities and removals, a declined and a cancelled payment, the
// idle return to the welcome screen, and crashes while paying and after paying.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { openKiosk } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'flows');

describe('kiosk flows', () => {
  let dir: string;
  let data: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const items = demoProducts().filter((p) => p.unit === 'each' && p.ageLimit === null);
  const lines = () => page.getByTestId('basket-line');
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  /** Events the terminal wrote to its outbox, read straight from the SQLite file. */
  const outboxTypes = () => {
    const db = new Database(join(data, 'openlane.db'), { readonly: true });
    try {
      return db.prepare('SELECT type FROM outbox ORDER BY rowid').pluck().all() as string[];
    } finally {
      db.close();
    }
  };

  const restart = async () => {
    await serve.stop('SIGKILL');
    serve = await startServe({ dataDir: data });
    await page.goto(serve.url);
  };

  const payAtPhone = async (button: RegExp) => {
    const payUrl = await page.getByTestId('payment-qr').getAttribute('data-payload');
    const phone = await browser.newPage();
    await phone.goto(payUrl!);
    await phone.getByRole('button', { name: button }).click();
    await phone.waitForLoadState();
    await phone.close();
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-flows-'));
    data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ receiptIdleSeconds: 3 }));
    serve = await startServe({ dataDir: data });
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a keyboard-wedge scanner (fast keys and Enter, nothing focused) and the on-screen keypad', async () => {
    // A person typing the same digits slowly is not a scan.
    await page.keyboard.type(items[2]!.barcode, { delay: 120 });
    await page.keyboard.press('Enter');
    await typeLikeScanner(page, items[0]!.barcode);
    await expect.poll(() => lines().count()).toBe(1);

    await page.getByTestId('keypad-input').fill(items[1]!.barcode);
    await page.getByTestId('keypad-submit').click();
    await expect.poll(() => lines().count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('line-name').allInnerTexts())
      .toEqual([items[0]!.name, items[1]!.name]);
  });

  it('changes a quantity and removes a line, and the removal is recorded', async () => {
    const first = lines().first();
    await first.getByTestId('line-plus').click();
    await expect.poll(() => first.getByTestId('line-qty').innerText()).toBe('2');
    await first.getByTestId('line-minus').click();
    await expect.poll(() => first.getByTestId('line-qty').innerText()).toBe('1');

    await lines().nth(1).getByTestId('line-remove').click();
    await expect.poll(() => lines().count()).toBe(1);
    expect(outboxTypes()).toContain('basket.line_removed');
  });

  it('shows a declined payment calmly and goes back to the basket, which can still be paid', async () => {
    await page.getByTestId('pay-button').click();
    await page.getByTestId('payment-qr').waitFor();
    await payAtPhone(/decline/i);
    await expect.poll(() => page.getByTestId('payment-notice').isVisible()).toBe(true);
    expect(await page.getByTestId('payment-notice').getAttribute('data-kind')).toBe('declined');
    expect(await lines().count()).toBe(1);
    await shot('payment-declined');
  });

  it('cancels a payment from the kiosk and returns to the basket', async () => {
    await page.getByTestId('pay-button').click();
    await page.getByTestId('payment-cancel').click();
    await expect.poll(() => page.getByTestId('basket').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('pay-button').isEnabled()).toBe(true);
  });

  it('after a crash while paying, shows the same payment code again, which still pays', async () => {
    await page.getByTestId('pay-button').click();
    await page.getByTestId('payment-qr').waitFor();
    await restart();
    await expect.poll(() => page.getByTestId('payment-qr').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot('payment-after-kill-9');
    await payAtPhone(/approve/i);
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('after a crash on the receipt screen, shows the finished sale, then returns to welcome by itself', async () => {
    const number = await page.getByTestId('receipt-number').innerText();
    await restart();
    await expect.poll(() => page.getByTestId('receipt-number').innerText()).toBe(number);
    // receiptIdleSeconds is 3 in this store's settings.json.
    await expect.poll(() => page.getByTestId('welcome').isVisible(), { timeout: 8_000 }).toBe(true);
    const sales = new Database(join(data, 'openlane.db'), { readonly: true });
    try {
      expect(sales.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    } finally {
      sales.close();
    }
  });
});
