// The counter's tenders by keyboard in Chromium: a cash sale with change (rounded to 0.10) and a split
// cash + QR sale whose QR is approved on the built-in simulator's pay page over HTTP. The terminal runs
// in this process (services/terminal.ts + the web host, as `openlane serve` does), so the test can ask
// it for the QR's pay link; the cashier signs in by keyboard first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { startTerminal, type Terminal } from '../../services/terminal';
import { startWebHost, type WebHost } from '../../services/web/host';
import { axeProblems } from '../helpers/axe';
import { launchPage } from '../helpers/browser';
import { press } from '../helpers/checkout';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'counter-tender');
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const RENDERER = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

const TEA = { barcode: withCheckDigit('690000000201'), name: 'Green Tea 500 g', price: '12.34' };
const BREAD = { barcode: withCheckDigit('690000000202'), name: 'Toast Bread', price: '8.50' };

describe('the counter’s tender screen, by keyboard', () => {
  let dir: string;
  let terminal: Terminal;
  let web: WebHost;
  let browser: Browser;
  let page: Page;
  let tenderHeld: Promise<void> = Promise.resolve();

  const text = (id: string) => page.getByTestId(id).innerText();
  const shot = async (name: string) => {
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`) });
    }
  };
  /** The cashier types once the cash entry has the keyboard, as they see its cursor. */
  const focusedTestId = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  /** Blurs the focused field and sends `keys` to the page's body; the field with the focus after. */
  const typeIntoNowhere = (keys: string) =>
    page.evaluate((typed) => {
      (document.activeElement as HTMLElement | null)?.blur();
      for (const key of typed)
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      return document.activeElement?.getAttribute('data-testid') ?? null;
    }, keys);
  const enter = async (typed: string) => {
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-tender-'));
    const data = join(dir, 'data');
    mkdirSync(data, { mode: 0o700 });
    const rows = [TEA, BREAD].map((p) => `${p.barcode},${p.name},${p.price},13`);
    writeFileSync(join(dir, 'catalog.csv'), ['barcode,name,price,tax_rate', ...rows, ''].join('\n'));
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ role: 'counter' }));
    seedCounterStaff(data, { cashRoundingIncrement: 10 });
    terminal = await startTerminal({ dataDir: data });
    // The tender's state answers when the test lets it (open unless a test holds it): a slow answer, on cue.
    const api = terminal.api;
    web = await startWebHost({
      api: { ...api, 'tender.state': async (input) => (await tenderHeld, api['tender.state'](input)) },
      subscribe: terminal.subscribe,
      rendererDir: RENDERER,
      port: 0,
    });
    ({ browser, page } = await launchPage());
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(web.url);
    await signInAtCounter(page);
    await page.getByTestId('counter').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await terminal?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a cash sale with change: F12, 50 Enter; the rounding is its own line; Enter is the next customer', async () => {
    await enter(TEA.barcode);
    await enter(BREAD.barcode);
    await expect.poll(() => text('basket-total')).toMatch(/20\.84/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), { timeout: 10_000 }).toMatch(/20\.84/);
    expect(await text('tender-cash-due')).toMatch(/20\.80/);
    expect(await text('tender-quick')).toMatch(/25\.00[\s\S]*30\.00[\s\S]*40\.00/);
    await shot('tender-01-due');
    expect(await axeProblems(page, 'tender due')).toEqual([]);
    // The same screen in Chinese, for the cashier who reads it.
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => text('tender-screen')).toMatch(/应收金额/);
    await shot('tender-01-due-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => text('tender-screen')).toMatch(/Amount due/);
    await expect.poll(() => focusedTestId(), { timeout: 10_000 }).toBe('tender-entry');
    await enter('50');
    // The Paid screen: the change due big, the rounding its own line, the receipt.
    await expect.poll(() => text('paid-change'), { timeout: 10_000 }).toMatch(/29\.20/);
    expect(await text('paid-rounding')).toMatch(/-¥0\.04/);
    expect(await text('paid-amount')).toMatch(/20\.84/);
    await shot('tender-02-change');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('a split sale: 5 in cash, F8 for a QR of the rest, approved on the simulator’s pay page', async () => {
    await enter(TEA.barcode);
    await expect.poll(() => text('basket-total')).toMatch(/12\.34/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), { timeout: 10_000 }).toMatch(/12\.34/);
    // Esc with nothing taken goes back to the sale, and F12 comes back.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('counter').isVisible()).toBe(true);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), { timeout: 10_000 }).toMatch(/12\.34/);
    await expect.poll(() => focusedTestId(), { timeout: 10_000 }).toBe('tender-entry');
    await enter('5');
    await expect.poll(() => text('tender-due'), { timeout: 10_000 }).toMatch(/7\.34/);
    // Now Esc is refused: a tender stands.
    await page.keyboard.press('Escape');
    await expect.poll(() => text('tender-error')).toMatch(/Take back every tender/);
    await page.keyboard.press('F8');
    await page.getByTestId('tender-qr').waitFor({ timeout: 10_000 });
    // Still owed until the customer pays the QR; the screen says it waits.
    expect(await text('tender-due')).toMatch(/7\.34/);
    expect(await page.getByTestId('tender-line').nth(1).innerText()).toMatch(/waiting for the customer/);
    await shot('tender-03-split-qr');
    expect(await axeProblems(page, 'tender split')).toEqual([]);
    const state = await terminal.api['tender.state']({});
    const qr = state.ok ? state.value.payment?.qrPayload : null;
    expect(qr).toBeTruthy();
    expect((await press(qr!, 'approve')).ok).toBe(true);
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await text('paid-amount')).toMatch(/12\.34/);
    expect(await page.getByTestId('paid-change').count()).toBe(0);
    const receipt = await page.getByTestId('paid').innerText();
    expect(receipt).toMatch(/Cash[\s\S]*5\.00/);
    expect(receipt).toMatch(/7\.34/);
    await shot('tender-04-split-done');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('keys typed while the focus is nowhere (the screen just changed) land in the entry: 50 Enter gives 29.20 back', async () => {
    await enter(TEA.barcode);
    await enter(BREAD.barcode);
    await expect.poll(() => text('basket-total')).toMatch(/20\.84/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), { timeout: 10_000 }).toMatch(/20\.84/);
    // The frame between the tender screen's paint and its entry taking the focus, held open: the
    // keys go to the page itself, in the same task as the blur, before the entry could take it back.
    expect(await typeIntoNowhere('50')).toBe('tender-entry');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('paid-change'), { timeout: 10_000 }).toMatch(/29\.20/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    // The same on the selling screen: a code typed into no field is still sold.
    await expect.poll(() => focusedTestId(), { timeout: 10_000 }).toBe('code-entry');
    expect(await typeIntoNowhere(BREAD.barcode)).toBe('code-entry');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('basket-total'), { timeout: 10_000 }).toMatch(/8\.50/);
  });

  it('F12, 5, 0, Enter in one movement: keys typed before the tender screen is up pay 50, 29.20 back', async () => {
    await enter(TEA.barcode);
    // The bread the last test typed into no field is on this sale already.
    await expect.poll(() => text('basket-total')).toMatch(/20\.84/);
    // The tender screen is slow to come (its state held back): the selling screen still has the keys.
    let release = () => {};
    tenderHeld = new Promise((resolve) => (release = resolve));
    await page.keyboard.press('F12');
    await enter('50');
    expect(await page.getByTestId('tender-screen').count()).toBe(0);
    release();
    await expect.poll(() => text('paid-change'), { timeout: 10_000 }).toMatch(/29\.20/);
    expect(await text('paid-amount')).toMatch(/20\.84/);
    expect(await page.getByTestId('paid').innerText()).not.toMatch(/not found|unknown/i);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), { timeout: 10_000 }).toBe(true);
  });
});
