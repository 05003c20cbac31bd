// Stock work on a `stock` terminal, for real: `openlane serve --role stock` with a serial scanner and a
// receipt printer on socat pseudo-terminals, the built UI in Chromium at a phone's size, and the real
// stock handlers. Staff sign in with badge and PIN; the scan loop takes a wedge-typed code and a
// serial scan; price check, adjust, count, receive (a free delivery, and the same note refused),
// transfer out and tonight's labels each do what they say; every screen passes axe and is
// photographed at 390×844 and 1280×800, the main ones in Chinese too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { printerSide } from '../helpers/printer-side';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { BREAD, MILK, PHONE, seedStockStore, signInForStock, stockShots } from '../helpers/stock-screens';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'stock');

describe('stock work on a stock terminal, by a phone-sized screen', () => {
  let dir: string;
  let lane: Lane;
  let page: Page;
  let printerPty: PtyPair;
  let printer: ReturnType<typeof printerSide>;

  const visible = (testId: string) => () => page.getByTestId(testId).isVisible();
  const text = (testId: string) => () => page.getByTestId(testId).first().innerText();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const shots = (name: string) => stockShots(page, ARTIFACTS, name);
  const noSeriousProblems = async () => expect(await seriousViolations(page)).toEqual([]);
  /** A keyboard-wedge handheld: the code typed in one burst, then Enter, into the focused entry. */
  const wedge = async (code: string) => {
    await expect.poll(focused).toBe('stock-entry');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  };
  const serial = (code: string) => lane.pty.write(`${code}\r\n`);
  const task = async (name: string) => {
    if (await page.getByTestId('stock-back').isVisible()) await page.getByTestId('stock-back').click();
    await page.getByTestId(`stock-task-${name}`).click();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-'));
    const data = join(dir, 'data');
    printerPty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
    printer = printerSide(printerPty);
    printer.open();
    seedStockStore(dir, data, printerPty.devicePath);
    lane = await startLane({ dir, dataDir: data, serveArgs: ['--role', 'stock'] });
    page = lane.page;
    await page.setViewportSize(PHONE);
  });

  afterAll(async () => {
    await lane?.close();
    printer?.close();
    await printerPty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens to sign-in; nothing is done before someone signs in; badge and PIN open the stock home', async () => {
    await page.goto(lane.serve.url);
    await expect.poll(visible('counter-signin')).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in for stock work');
    expect(await page.getByTestId('stock-home').count()).toBe(0);
    await noSeriousProblems();
    await shots('01-sign-in');
    const refused = await page.evaluate(async (code) => {
      const response = await fetch('/api/stock.item', { method: 'POST', body: JSON.stringify({ code }) });
      return response.json();
    }, MILK.barcode);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    await signInForStock(page);
    await expect.poll(visible('stock-home')).toBe(true);
    expect(await text('counter-staff')()).toMatch(/Wang Fang · Cashier$/);
    expect(await page.getByTestId('stock-home').getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/^Receive/),
      expect.stringMatching(/^Count/),
      expect.stringMatching(/^Adjust/),
      expect.stringMatching(/^Transfer/),
      expect.stringMatching(/^Price check/),
      expect.stringMatching(/^Labels/),
    ]);
    // Large targets for one hand: every task at least 56 px high and 150 px wide on the phone.
    const boxes = await page
      .locator('.stock-tile')
      .evaluateAll((tiles) =>
        tiles.map((t) => t.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })),
      );
    for (const box of boxes) expect(box.h >= 56 && box.w >= 150, JSON.stringify(box)).toBe(true);
    await noSeriousProblems();
    await shots('02-home');
  });

  it('price check: a wedge-typed code and a serial scan each show the price, on hand and the next price', async () => {
    await task('price');
    await wedge(MILK.barcode);
    await expect.poll(text('stock-item-name')).toBe(MILK.name);
    expect(await text('stock-item-price')()).toBe('¥12.90');
    expect(await text('stock-item-unit-price')()).toBe('¥12.90 / l');
    expect(await text('stock-item-on-hand')()).toBe('0');
    expect(await text('stock-item-next-price')()).toBe('No change coming');

    serial(BREAD.barcode);
    await expect.poll(text('stock-item-name')).toBe(BREAD.name);
    expect(await text('stock-item-price')()).toBe('¥8.50');
    // 8.50 for 400 g is 21.25 per kg.
    expect(await text('stock-item-unit-price')()).toBe('¥21.25 / kg');
    expect(await text('stock-item-next-price')()).toMatch(/^¥7\.90 from /);
    await noSeriousProblems();
    await shots('03-price-check');

    // A label for the price in force, on the receipt printer.
    await page.getByTestId('stock-print-one').click();
    await expect.poll(text('stock-notice')).toBe('1 label printed');
    const bytes = await printer.receipt();
    expect(bytes.toString('latin1')).toContain(BREAD.name);
    expect(bytes.toString('latin1')).toContain('CNY 21.25/kg');

    await wedge(withCheckDigit('690000009999'));
    await expect.poll(text('stock-refusal')).toBe('Not in the catalog: check the code.');
  });

  it('adjust: damaged, a scan adds one, confirm books it; on hand follows', async () => {
    await task('adjust');
    await page.getByTestId('stock-reason-damaged').click();
    await wedge(MILK.barcode);
    await expect.poll(text('stock-item-name')).toBe(MILK.name);
    serial(MILK.barcode);
    await expect.poll(() => page.getByTestId('stock-quantity').inputValue()).toBe('2');
    await page.getByTestId('stock-more').click();
    await expect.poll(() => page.getByTestId('stock-quantity').inputValue()).toBe('3');
    await noSeriousProblems();
    await shots('04-adjust');
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-notice')).toBe(`−3 ${MILK.name}: booked`);
    expect(await page.getByTestId('stock-item').count()).toBe(0);

    await task('price');
    await wedge(MILK.barcode);
    await expect.poll(text('stock-item-on-hand')).toBe('-3');
  });

  it('count: a department, running totals per item and location, finish', async () => {
    await task('count');
    await page.getByTestId('stock-scope-department').click();
    await page.getByTestId('stock-scope-text').fill(MILK.department);
    await noSeriousProblems();
    await shots('05-count-choose');
    await page.getByTestId('stock-count-start').click();
    await expect.poll(visible('stock-count-session')).toBe(true);
    await page.getByTestId('stock-location').fill('A1');
    await page.getByTestId('stock-location').press('Tab');
    await wedge(MILK.barcode);
    serial(MILK.barcode);
    await expect.poll(() => page.getByTestId('stock-quantity').inputValue()).toBe('2');
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-counted')).toBe('2');
    await wedge(MILK.barcode);
    await expect.poll(text('stock-item-name')).toBe(MILK.name);
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-counted')).toBe('3');
    expect(await page.getByTestId('stock-count-line').innerText()).toMatch(/Fresh Milk 1 L\s+A1\s+3/);
    await noSeriousProblems();
    await shots('06-count-session');
    await page.getByTestId('stock-count-finish').click();
    await expect.poll(text('stock-notice')).toBe('Count finished: it goes up to HQ');
  });

  it('receive a free delivery: received and damaged marked; the same note again is refused in words', async () => {
    await task('receive');
    await page.getByTestId('stock-reference').fill('DN-1001');
    await page.getByTestId('stock-supplier').fill('Bright Dairy');
    await noSeriousProblems();
    await shots('07-receive-choose');
    await page.getByTestId('stock-receive-free').click();
    await expect.poll(visible('stock-receiving')).toBe(true);
    await wedge(MILK.barcode);
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-received')).toBe('2');
    await page.getByTestId('stock-damaged').click();
    serial(MILK.barcode);
    await expect.poll(text('stock-item-name')).toBe(MILK.name);
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-line-marks')).toBe('1 damaged');
    expect(await page.getByTestId('stock-receiving-line').getAttribute('data-state')).toBe('differs');
    await noSeriousProblems();
    await shots('08-receiving');
    await page.getByTestId('stock-receive-finish').click();
    await expect.poll(text('stock-notice')).toBe('Received and booked');
    await shots('09-received');

    await page.getByTestId('stock-another').click();
    await page.getByTestId('stock-reference').fill('DN-1001');
    await page.getByTestId('stock-supplier').fill('Bright Dairy');
    await page.getByTestId('stock-receive-free').click();
    await expect
      .poll(text('stock-refusal'))
      .toBe('This delivery note was already received at this store: check the number on the note.');
    await shots('10-receive-refused');
  });

  it('transfer out: to a store code, scanned lines, sent with its number', async () => {
    await task('transfer');
    await page.getByTestId('stock-to-store').fill('S002');
    await page.getByTestId('stock-to-store').press('Tab');
    await wedge(BREAD.barcode);
    await expect.poll(text('stock-item-name')).toBe(BREAD.name);
    serial(MILK.barcode);
    await expect.poll(() => page.getByTestId('stock-transfer-line').count()).toBe(1);
    await page.getByTestId('stock-confirm').click();
    await expect.poll(() => page.getByTestId('stock-transfer-line').count()).toBe(2);
    await noSeriousProblems();
    await shots('11-transfer');
    await page.getByTestId('stock-send').click();
    await expect.poll(text('stock-notice')).toMatch(/^Transfer S001-K01-T000001 sent/);
  });

  it('labels: tonight’s queue names tomorrow’s price; printed on the receipt printer it leaves the queue', async () => {
    await task('labels');
    await expect.poll(() => page.getByTestId('stock-label').count()).toBe(1);
    expect(await text('stock-label')()).toMatch(/Toast Bread · \d{14} · from [\s\S]*¥7\.90/);
    await noSeriousProblems();
    await shots('12-labels');
    await page.getByTestId('stock-printer-receipt').click();
    await page.getByTestId('stock-print-all').click();
    await expect.poll(text('stock-notice')).toBe('1 label printed');
    const bytes = (await printer.receipt()).toString('latin1');
    expect(bytes).toContain(BREAD.name);
    expect(bytes).toContain('7.90');
    await expect.poll(() => page.getByTestId('stock-label').count()).toBe(0);
  });

  it('in Chinese: the home, the price check and a receiving', async () => {
    await page.getByTestId('stock-back').click();
    await page.getByTestId('language-zh').click();
    await expect.poll(text('stock-task-receive')).toMatch(/^收货/);
    await noSeriousProblems();
    await shots('13-zh-home');
    await task('price');
    await wedge(BREAD.barcode);
    await expect.poll(text('stock-item-name')).toBe(BREAD.zh);
    expect(await text('stock-item-next-price')()).toMatch(/起 ¥7\.90$/);
    await noSeriousProblems();
    await shots('14-zh-price-check');
    await task('receive');
    await page.getByTestId('stock-reference').fill('DN-1002');
    await page.getByTestId('stock-supplier').fill('光明乳业');
    await page.getByTestId('stock-receive-free').click();
    await wedge(MILK.barcode);
    await page.getByTestId('stock-confirm').click();
    await expect.poll(text('stock-received')).toBe('1');
    expect(await text('stock-receiving-line')()).toContain(MILK.zh);
    await noSeriousProblems();
    await shots('15-zh-receiving');
    await page.getByTestId('stock-receive-cancel').click();
    await expect.poll(text('stock-notice')).toBe('已取消：未入账');
  });
});
