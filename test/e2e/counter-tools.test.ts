// The counter's own tools, for real: a kiosk and a counter as two `openlane serve` processes of one
// store (their own SQLite files, the signed lane link on loopback), the counter weighing on a Magellan
// scanner-scale emulated on a socat pty, both screens in Chromium, the cashier on the keyboard only.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPage } from '../helpers/browser';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { laneDataDir, linkPort } from '../helpers/lanes';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'counter-tools');
const WAIT = { timeout: 10_000 };
// The demo store's products (core/catalog/demo-store.ts).
const MILK_1L = { barcode: '6921074000014', name: 'Whole Milk 1 L' };
const MILK_250 = { name: 'Whole Milk 250 ml', zh: '全脂牛奶 250' };
const BANANAS = { plu: '4011', name: 'Bananas' };
const STRAWBERRIES = '6901000000493';
const TOMATOES = '6901000000509';

describe('the counter’s tools: lookup, weighing, suspend and resume, a kiosk basket handed over', () => {
  const dirs: string[] = [];
  let scale: MagellanEmulator;
  let kiosk: ServeProcess;
  let counter: ServeProcess;
  let browser: Browser;
  let page: Page;
  let kioskPage: Page;

  const names = () => page.getByTestId('line-name').allInnerTexts();
  const quantities = () => page.getByTestId('line-qty').allInnerTexts();
  const entryHasFocus = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'code-entry');
  const shot = async (target: Page, name: string) => {
    for (const [w, h] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await target.setViewportSize({ width: w, height: h });
      await target.screenshot({ path: join(ARTIFACTS, `${name}-${w}x${h}.png`), animations: 'disabled' });
    }
    await target.setViewportSize({ width: 1280, height: 800 });
  };
  /** F3, the query typed, the results shown for it. */
  const lookup = async (query: string, first: RegExp) => {
    await page.keyboard.press('F3');
    await page.getByTestId('lookup-input').waitFor(WAIT);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), WAIT)
      .toBe('lookup-input');
    await page.keyboard.type(query);
    await expect
      .poll(
        () =>
          page
            .getByTestId('lookup-item')
            .first()
            .innerText()
            .catch(() => ''),
        WAIT,
      )
      .toMatch(first);
  };
  const kioskCall = (name: string, input: object) =>
    fetch(new URL(`/api/${name}`, kiosk.url), { method: 'POST', body: JSON.stringify(input) }).then(
      (r) => r.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>,
    );

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const kioskDir = laneDataDir('K01', 'kiosk', {});
    dirs.push(kioskDir);
    kiosk = await startServe({ dataDir: kioskDir });
    scale = await startMagellanEmulator(kioskDir, 'counter-scale');
    const counterDir = laneDataDir(
      'C01',
      'counter',
      { lanes: [{ id: 'K01', url: `http://127.0.0.1:${linkPort(kiosk)}` }] },
      {
        scale: {
          ...{ baudRate: 9600, dataBits: 7, parity: 'odd', stopBits: 1, protocol: 'magellan' },
          ...{ path: scale.devicePath, minimumWeightGrams: 20, pollMs: 100, answerTimeoutMs: 600 },
        },
      },
    );
    dirs.push(counterDir);
    seedCounterStaff(counterDir);
    counter = await startServe({ dataDir: counterDir });
    await waitForScanners(counter.url);
    ({ browser, page } = await launchPage());
    kioskPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(counter.url);
    await signInAtCounter(page);
  });

  afterAll(async () => {
    await browser?.close();
    await counter?.stop();
    await kiosk?.stop();
    await scale?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('F3 finds an item by name and adds it with Enter; a quantity first adds that many, Chinese names too', async () => {
    await expect.poll(entryHasFocus, WAIT).toBe(true);
    expect(await page.getByTestId('key-legend').innerText()).toMatch(/F3[\s\S]*Find item[\s\S]*F7[\s\S]*F11/);
    await lookup('whole milk 1', /Whole Milk 1 L/);
    await shot(page, 'lookup');
    await page.keyboard.press('Enter');
    await expect.poll(names, WAIT).toEqual([MILK_1L.name]);
    await expect.poll(entryHasFocus, WAIT).toBe(true);

    await lookup(`3*${MILK_250.zh}`, /Whole Milk 250 ml/);
    await page.keyboard.press('Enter');
    await expect.poll(names, WAIT).toEqual([MILK_1L.name, MILK_250.name]);
    await expect.poll(quantities, WAIT).toEqual(['1', '3']);

    // ↓ moves the choice; Esc closes with nothing added.
    await lookup('whole milk', /Whole Milk/);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[data-testid="lookup-item"][aria-selected="true"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('lookup-dialog').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(entryHasFocus, WAIT).toBe(true);
    expect(await names()).toHaveLength(2);
  });

  it('F3 by PLU opens the weigh dialog: Enter takes the scale’s steady weight, Esc cancels, digits type one', async () => {
    scale.set({ state: 'motion' });
    await lookup(BANANAS.plu, /Bananas/);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-weigh').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('counter-weigh-reading').getAttribute('data-state'), WAIT)
      .toBe('motion');
    scale.set({ state: 'stable', grams: 734 });
    await expect
      .poll(() => page.getByTestId('counter-weigh-reading').getAttribute('data-state'), WAIT)
      .toBe('stable');
    await shot(page, 'weigh');
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-weigh').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(names, WAIT).toEqual([MILK_1L.name, MILK_250.name, BANANAS.name]);
    expect((await quantities())[2]).toMatch(/0\.734/);
    await expect.poll(entryHasFocus, WAIT).toBe(true);

    // Esc: nothing added, the entry has the keyboard again.
    await lookup(BANANAS.plu, /Bananas/);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-weigh').waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.getByTestId('counter-weigh').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(entryHasFocus, WAIT).toBe(true);
    expect(await names()).toHaveLength(3);

    // A weight typed in grams (a scale that cannot weigh it) goes in as typed.
    scale.set({ state: 'zero' });
    await lookup(BANANAS.plu, /Bananas/);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-weigh').waitFor(WAIT);
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await expect.poll(names, WAIT).toHaveLength(4);
    expect((await quantities())[3]).toMatch(/0\.5/);
  });

  it('F7 suspends the sale (the counter empties), F7 on the empty sale lists it, Enter brings it back exactly', async () => {
    const before = { names: await names(), quantities: await quantities() };
    const total = await page.getByTestId('basket-total').innerText();
    await page.keyboard.type('blue coat');
    await page.keyboard.press('F7');
    await page.getByTestId('counter-empty').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('tool-message').innerText(), WAIT).toMatch(/blue coat/);
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('suspended-sale').count(), WAIT).toBe(1);
    expect(await page.getByTestId('suspended-sale').innerText()).toMatch(/blue coat[\s\S]*4 lines[\s\S]*C01/);
    await shot(page, 'suspended');
    await page.keyboard.press('Enter');
    await page.getByTestId('suspended-dialog').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(names, WAIT).toEqual(before.names);
    expect(await quantities()).toEqual(before.quantities);
    expect(await page.getByTestId('basket-total').innerText()).toBe(total);
    await expect.poll(entryHasFocus, WAIT).toBe(true);
  });

  it('a kiosk basket handed over by its number arrives on the counter as a new sale; the kiosk starts over', async () => {
    // The counter's sale is put aside first: a handover needs the counter free.
    await page.keyboard.press('F7');
    await page.getByTestId('counter-empty').waitFor(WAIT);
    for (const code of [STRAWBERRIES, STRAWBERRIES, TOMATOES])
      expect((await kioskCall('basket.addScan', { code, source: 'serial' })).ok).toBe(true);
    await kioskPage.goto(kiosk.url);
    await kioskPage.getByTestId('pay-at-counter').waitFor(WAIT);
    await shot(kioskPage, 'kiosk-basket');
    await kioskPage.getByTestId('pay-at-counter').click();
    await expect
      .poll(() => kioskPage.getByTestId('handover-number').innerText(), WAIT)
      .toMatch(/^\d{3} \d{3}$/);
    await shot(kioskPage, 'kiosk-handover');
    // Back withdraws the code; in Chinese the shopper gets a new one.
    const first = (await kioskPage.getByTestId('handover-number').innerText()).replace(' ', '');
    await kioskPage.getByTestId('handover-back').click();
    await kioskPage.getByTestId('handover-dialog').waitFor({ state: 'detached', ...WAIT });
    await kioskPage.getByTestId('language-zh').click();
    await kioskPage.getByTestId('pay-at-counter').click();
    await expect
      .poll(() => kioskPage.getByTestId('handover-number').innerText(), WAIT)
      .toMatch(/^\d{3} \d{3}$/);
    expect(await kioskPage.getByTestId('handover-dialog').innerText()).toMatch(/到人工收银台付款/);
    await shot(kioskPage, 'kiosk-handover-zh');
    const number = (await kioskPage.getByTestId('handover-number').innerText()).replace(' ', '');
    expect(number).not.toBe(first);

    await page.keyboard.type(number);
    await page.keyboard.press('F11');
    await expect.poll(names, WAIT).toEqual(['Strawberries 500 g', 'Cherry Tomatoes 500 g']);
    expect(await quantities()).toEqual(['2', '1']);
    await expect
      .poll(() => page.getByTestId('tool-message').getAttribute('data-kind'), WAIT)
      .toBe('handedOver');
    await kioskPage.getByTestId('welcome').waitFor(WAIT);
    await shot(page, 'handed-over');

    // The same number again takes nothing: this counter already took that basket.
    await page.keyboard.press('F7');
    await page.getByTestId('counter-empty').waitFor(WAIT);
    await page.keyboard.type(number);
    await page.keyboard.press('F11');
    await expect
      .poll(() => page.getByTestId('tool-message').getAttribute('data-code'), WAIT)
      .toBe('handover_already_received');
    expect(await page.getByTestId('counter-empty').count()).toBe(1);
  });

  it('Del in the suspended list voids a sale with a typed reason; Esc closes and the entry has the keyboard', async () => {
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('suspended-sale').count(), WAIT).toBe(2);
    await page.keyboard.press('Delete');
    await page.getByTestId('void-reason').waitFor(WAIT);
    await page.keyboard.type('customer left');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('suspended-sale').count(), WAIT).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('suspended-dialog').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(entryHasFocus, WAIT).toBe(true);
    expect(await page.getByTestId('counter-empty').count()).toBe(1);
  });

  it('F9 close refuses while a suspended sale waits, in the cashier’s words; Esc twice gives the keyboard back', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('shift-menu').waitFor(WAIT);
    await page.keyboard.press('5');
    await page.getByTestId('blind-count').waitFor(WAIT);
    // The ¥100 float counted, then Enter down every row: the last one submits, as a cashier counts.
    await page.keyboard.type('1');
    const rows = await page.locator('[data-testid="blind-count"] input').count();
    for (let i = 0; i < rows; i++) await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('shift-error').innerText(), WAIT)
      .toMatch(/Suspended sales are waiting.*F7/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByTestId('shift-menu').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(entryHasFocus, WAIT).toBe(true);
    // Nothing closed: the sale still waits in the list.
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('suspended-sale').count(), WAIT).toBe(1);
    await page.keyboard.press('Escape');
  });
});
