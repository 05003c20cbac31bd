// Stock work away from a stock terminal's own screen, for real: a handheld's browser on the network
// pairs with a stock terminal served on 0.0.0.0 (its access token), signs in with badge and PIN and
// works by wedge — and never takes the terminal's serial scans; a kiosk's host serves no stock work and
// its handlers refuse; a counter switches to stock work from its shift menu, its serial scanner
// following, and back to selling.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineAddresses } from '../../services/web/addresses';
import { seriousViolations } from '../helpers/axe';
import { launchChromium, startLane, type Lane } from '../helpers/browser';
import { signInAtCounter } from '../helpers/counter-staff';
import { startServe, type ServeProcess } from '../helpers/serve';
import { sessionAt } from '../helpers/staff-lane';
import { BREAD, MILK, PHONE, seedStockStore, signInForStock, stockShots } from '../helpers/stock-screens';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'stock-handheld');

const textOf = (page: Page, testId: string) => () => page.getByTestId(testId).first().innerText();
const visibleOn = (page: Page, testId: string) => () => page.getByTestId(testId).isVisible();
const focusedOn = (page: Page) => () =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
const wedgeOn = async (page: Page, code: string) => {
  await expect.poll(focusedOn(page)).toBe('stock-entry');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
};

describe('a handheld through a stock terminal’s host, paired; a kiosk’s host does no stock work', () => {
  let dir: string;
  let lane: Lane;
  let kiosk: ServeProcess;
  let handheldBrowser: Browser;
  let handheld: Page;
  const lan = machineAddresses().find((a) => !a.startsWith('127.'));

  beforeAll(async () => {
    if (!lan) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-handheld-'));
    seedStockStore(dir, join(dir, 'data'));
    lane = await startLane({
      dir,
      dataDir: join(dir, 'data'),
      serveArgs: ['--role', 'stock', '--host', '0.0.0.0', '--demo'],
    });
    kiosk = await startServe({ dataDir: join(dir, 'kiosk') });
    handheldBrowser = await launchChromium();
    handheld = await handheldBrowser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
  });

  afterAll(async () => {
    await handheldBrowser?.close();
    await kiosk?.stop();
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pairs with the access token, then signs in with badge and PIN and checks a price by wedge', async () => {
    const port = new URL(lane.serve.url).port;
    await handheld.goto(`http://${lan}:${port}/stock`);
    expect(new URL(handheld.url()).pathname).toBe('/pair');
    const token = readFileSync(join(dir, 'data', 'access-token'), 'utf8').trim();
    await handheld.getByLabel(/Access token/).fill(token);
    await handheld.getByRole('button', { name: /Pair/ }).click();
    await handheld.goto(`http://${lan}:${port}/stock`);
    await expect.poll(visibleOn(handheld, 'counter-signin')).toBe(true);
    expect(await seriousViolations(handheld)).toEqual([]);
    await stockShots(handheld, ARTIFACTS, '01-handheld-sign-in');
    await signInForStock(handheld);
    await expect.poll(visibleOn(handheld, 'stock-home')).toBe(true);
    expect(await seriousViolations(handheld)).toEqual([]);
    await stockShots(handheld, ARTIFACTS, '02-handheld-home');

    await handheld.getByTestId('stock-task-price').click();
    await wedgeOn(handheld, BREAD.barcode);
    await expect.poll(textOf(handheld, 'stock-item-name')).toBe(BREAD.name);
    await stockShots(handheld, ARTIFACTS, '03-handheld-price-check');
  });

  it('takes no serial scan of the terminal’s own scanner: the terminal’s own screen does', async () => {
    const till = lane.page;
    await till.goto(lane.serve.url.replace('0.0.0.0', '127.0.0.1'));
    // Who is signed in is the terminal's: the handheld signed in for it.
    await expect.poll(visibleOn(till, 'stock-home')).toBe(true);
    await till.getByTestId('stock-task-price').click();
    lane.pty.write(`${MILK.barcode}\r\n`);
    await expect.poll(textOf(till, 'stock-item-name')).toBe(MILK.name);
    expect(await textOf(handheld, 'stock-item-name')()).toBe(BREAD.name);
  });

  it('a kiosk’s host serves no /stock, and its stock handlers refuse: nobody is signed in there', async () => {
    const page = await handheldBrowser.newPage({ viewport: PHONE });
    const response = await page.goto(new URL('/stock', kiosk.url).href);
    expect(response?.status()).toBe(404);
    expect(await page.locator('body').innerText()).toMatch(/This terminal does no stock work/);
    await page.close();
    for (const [name, input] of [
      ['stock.item', { code: MILK.barcode }],
      ['stock.workMode', { mode: 'stock' }],
      ['stock.adjust', { code: MILK.barcode, quantity: -1, reason: 'damaged' }],
    ] as const) {
      const answer = await fetch(new URL(`/api/${name}`, kiosk.url), {
        method: 'POST',
        body: JSON.stringify(input),
      });
      expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    }
  });
});

describe('a counter switched to stock work and back', () => {
  let dir: string;
  let lane: Lane;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-counter-'));
    seedStockStore(dir, join(dir, 'data'));
    lane = await startLane({ dir, dataDir: join(dir, 'data'), serveArgs: ['--role', 'counter'] });
    page = lane.page;
    await page.goto(lane.serve.url);
    await signInAtCounter(page);
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('F9 then 6 opens stock work: the serial scanner goes to the stock screen, not the basket', async () => {
    await page.keyboard.press('F9');
    await expect.poll(visibleOn(page, 'shift-menu')).toBe(true);
    expect(await page.getByTestId('shift-stock').innerText()).toMatch(/6\s*Stock work/);
    await page.screenshot({
      path: join(ARTIFACTS, '04-counter-shift-menu-1280x800.png'),
      animations: 'disabled',
    });
    await page.keyboard.press('6');
    await expect.poll(visibleOn(page, 'stock-home')).toBe(true);
    expect(await textOf(page, 'counter-staff')()).toMatch(/Wang Fang · Cashier$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: join(ARTIFACTS, '05-counter-stock-home-1280x800.png'),
      animations: 'disabled',
    });

    await page.getByTestId('stock-task-price').click();
    lane.pty.write(`${MILK.barcode}\r\n`);
    await expect.poll(textOf(page, 'stock-item-name')).toBe(MILK.name);
    expect((await sessionAt(lane.serve.url)).basket?.lines ?? []).toEqual([]);
  });

  it('back to selling: the next serial scan is sold', async () => {
    await page.getByTestId('stock-back-to-selling').click();
    await expect.poll(visibleOn(page, 'code-entry')).toBe(true);
    lane.pty.write(`${MILK.barcode}\r\n`);
    await expect.poll(() => page.getByTestId('line-name').allInnerTexts()).toEqual([MILK.name]);
  });
});
