// The whole of issue 14 in one walk, as a store's office and a cashier live it: one HQ with its back
// office in Chromium, and one real counter (`openlane serve`, role counter in its settings.json) with
// its own screen in Chromium beside it. The first admin signs in; the office imports a small catalog and
// watches the progress bar reach done, adds a store, makes an enrolment code while HQ runs, and the
// running counter is enrolled with the command the page shows; a price change effective in one minute
// reaches the counter, which sells at it once its clock (OPENLANE_TEST_CLOCK_FILE) has reached that
// minute; a recalled lot is refused at the counter while another lot still sells; the cashier takes
// cash, closes the shift 6.00 short (a supervisor approves) and the back office shows the sale and the
// Z report; revoked, the counter's next sync is refused and its screen says so. The counter is told to
// sync through its sync.now API instead of waiting for timers. Each step's own corners are tested in
// office-users, office-catalog, office-devices, recalls, office-sales and the counter-* files; this one
// checks that the steps join up. Screens are saved in test-artifacts/office-whole-flow/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLOCK_ENV } from '../../services/clock';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { axeProblems } from '../helpers/axe';
import { PRODUCTS } from '../helpers/checkout';
import { runOpenlane } from '../helpers/cli';
import { focused, scanAll, typeCount } from '../helpers/counter-day';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { openArea, signInToOffice, startOffice, type Office } from '../helpers/office';
import { schedulePriceInAMinute } from '../helpers/office-price-change';
import { startServe, type ServeProcess } from '../helpers/serve';
import { STAFF_PINS, SUPERVISOR } from '../helpers/staff';
import {
  standinPaymentSettings,
  startStandinWithMerchant,
  type StandinWithMerchant,
} from '../standins/wechatpay/standin-merchant';

const { milk, bread } = PRODUCTS;
const WAIT = { timeout: 10_000 };
const SHOTS = join(process.cwd(), 'test-artifacts', 'office-whole-flow');
const CATALOG = [
  'barcode,name,price,tax_rate,unit,department,name_zh-CN',
  `${milk.barcode},${milk.name},12.90,9,each,Dairy,鲜牛奶 1升`,
  `${bread.barcode},${bread.name},8.50,13,each,Bakery,吐司面包`,
].join('\n');
/** A GS1 element string as a wedge scanner types it: GTIN, then the lot (last, so no separator). */
const packOfLot = (lot: string) => `01${milk.gtin}10${lot}`;
const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let office: Office;
let backOffice: Page;
let counter: Page;
let lane: ServeProcess;
let wx: StandinWithMerchant;
let dir: string;
let data: string;
let clockFile: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-whole-flow-'));
  data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  clockFile = join(dir, 'clock');
  // HQ and the counter start side by side; the counter is enrolled later, while both run.
  [office, lane] = await Promise.all([startOffice({ signedIn: false }), startCounter()]);
  backOffice = office.page;
  counter = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
});

/**
 * A counter on DATA, not yet enrolled: staff of every role, and payments through WeChat Pay's protocol
 * (a stand-in), since a terminal on the built-in simulator is in training mode and HQ keeps training
 * sales out of the reports. Its price clock is the system's until the test writes the clock file.
 */
async function startCounter(): Promise<ServeProcess> {
  wx = await startStandinWithMerchant();
  const settings = { ...DEFAULT_SETTINGS, role: 'counter', terminalId: 'C01' };
  writeFileSync(
    join(data, 'settings.json'),
    JSON.stringify({ ...settings, payment: standinPaymentSettings(data, wx) }),
  );
  seedCounterStaff(data);
  // It boots beside HQ (PGlite's migrations, Chromium): on a loaded machine that takes more than the
  // helper's usual 30 s, seen in a run beside another copy of this file on a busy 2-core box.
  return startServe({ dataDir: data, env: { [TEST_CLOCK_ENV]: clockFile }, timeoutMs: 60_000 });
}

afterAll(async () => {
  await lane?.stop();
  await office?.close();
  await wx?.standin.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });

/** The counter's own API, as its screen calls it. */
async function laneCall<T>(name: string): Promise<T> {
  const response = await fetch(new URL(`/api/${name}`, lane.url), { method: 'POST', body: '{}' });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value!;
}

const pendingEvents = async () =>
  (await laneCall<{ outbox: { pending: number } }>('sync.status')).outbox.pending;

const lastSyncAt = async () =>
  (await laneCall<{ sync: { lastSyncAt: string | null } }>('sync.status')).sync.lastSyncAt;

/**
 * Asks the counter to sync now, twice over, and waits for each: a sync already running when HQ changed
 * may have read HQ before the change, but the one after it began later, so it has it.
 */
async function syncedSinceNow(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const before = await lastSyncAt();
    await laneCall('sync.now');
    await expect.poll(lastSyncAt, WAIT).not.toBe(before);
  }
}

/** F3 at the counter: the price the lookup shows for milk (prices in force by the counter's clock). */
async function milkPriceInLookup(): Promise<string> {
  await counter.keyboard.press('F3');
  await expect.poll(() => focused(counter), WAIT).toBe('lookup-input');
  await counter.keyboard.type(milk.barcode);
  const item = counter.getByTestId('lookup-item').first();
  await expect.poll(() => item.innerText().catch(() => ''), WAIT).toContain(milk.name);
  const price = await item.innerText();
  await counter.keyboard.press('Escape');
  await counter.getByTestId('lookup-dialog').waitFor({ state: 'detached', ...WAIT });
  return price;
}

describe('the back office and a counter, from an empty HQ to a revoked device', () => {
  it('the chain’s first admin signs in', async () => {
    await backOffice.getByTestId('sign-in-submit').waitFor(WAIT);
    expect(await axeProblems(backOffice, 'sign-in')).toEqual([]);
    await signInToOffice(backOffice);
    expect(await backOffice.getByTestId('signed-in-as').textContent()).toMatch(/^admin · Admin/);
  });

  it('imports a small catalog in the back office; the progress bar reaches done', async () => {
    await backOffice.goto(`${office.hq.url}/#/catalog/import`);
    await backOffice
      .getByTestId('import-file')
      .setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(CATALOG) });
    await backOffice.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => backOffice.getByTestId('import-progress').getAttribute('data-state'), WAIT)
      .toBe('done');
    expect(await backOffice.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await expect
      .poll(() => backOffice.getByRole('status').first().textContent(), WAIT)
      .toMatch(/Done: 2 rows, 2 changed/);
    expect(await axeProblems(backOffice, 'catalog import')).toEqual([]);
  });

  it('adds a store, makes an enrolment code, and the counter enrolled with it reports itself', async () => {
    await openArea(backOffice, 'stores');
    await backOffice.getByRole('button', { name: 'New store' }).click();
    await backOffice.getByLabel('Code').fill('S001');
    await backOffice.getByLabel('Name').fill('Riverside');
    await backOffice.getByRole('button', { name: 'Add store' }).click();
    await expect.poll(() => backOffice.locator('#page-title').textContent()).toBe('Store S001 · Riverside');
    await backOffice.getByRole('button', { name: 'Make an enrolment code' }).click();
    const command = (await backOffice.getByTestId('enrol-command').textContent()) ?? '';
    expect(command).toMatch(/^openlane enrol --server \S+ --code [A-Z0-9-]{19}$/);

    // At the till: the command the page shows, on the running counter's data directory, as the cashier
    // signs in (counting a ¥100 float to open the shift).
    const [enrol] = await Promise.all([
      runOpenlane([...command.split(' ').slice(1), '--data', data]),
      counter.goto(lane.url).then(() => signInAtCounter(counter)),
    ]);
    expect(enrol.stderr).toBe('');
    expect(enrol.stdout).toContain('as device');
    await expect.poll(() => counter.getByTestId('sync-text').textContent(), WAIT).toMatch(/^Synced /);
    // The till now goes by the store's name at HQ, not the demo name of its settings.
    await expect.poll(() => counter.locator('.counter-store').textContent(), WAIT).toBe('Riverside');
    const row = backOffice.getByTestId('devices-table').locator('tbody tr').filter({ hasText: 'C01' });
    await expect
      .poll(async () => {
        await backOffice.getByRole('button', { name: 'Refresh' }).click();
        return row.textContent();
      }, WAIT)
      .toMatch(/C01\s*Counter.*up to date.*All well/);
    expect(await axeProblems(backOffice, 'store page with the counter')).toEqual([]);
    await shot(backOffice, 'store-with-counter');
  });

  it('changes a price effective in one minute; the counter sells at it once the minute has come', async () => {
    const effective = await schedulePriceInAMinute(backOffice, office.hq.url, milk.gtin, '11.90');
    await expect
      .poll(() => backOffice.getByTestId('price-changes').locator('tbody tr').allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(/Whole chain\s+\S*11\.90\s+Upcoming/)]);
    expect(await axeProblems(backOffice, 'product page with a price change')).toEqual([]);

    // The counter has the change, and before the minute still sells at the old price.
    await syncedSinceNow();
    expect(await milkPriceInLookup()).toContain('12.90');
    writeFileSync(clockFile, effective.toISOString());
    expect(await milkPriceInLookup()).toContain('11.90');
    // A pack read with its lot (GS1): the lot recalled next is another, so this line stays sellable (a plain
    // EAN line would be held by that lot recall, as recall-basket.test.ts shows).
    await scanAll(counter, [packOfLot('L2410')]);
    await expect.poll(() => counter.getByTestId('line-total').last().innerText(), WAIT).toContain('11.90');
    await expect.poll(() => counter.getByTestId('basket-total').innerText(), WAIT).toContain('11.90');
  });

  it('recalls a lot in the back office; the counter refuses that lot and sells another', async () => {
    await openArea(backOffice, 'recalls');
    await backOffice.getByLabel('GTIN (barcode)').fill(milk.barcode);
    await backOffice.getByLabel('Reason').fill('Possible glass fragments');
    await backOffice.getByLabel('Lots (GS1 AI 10)').fill('L2411');
    await backOffice.getByRole('button', { name: 'Recall', exact: true }).click();
    await expect
      .poll(() => backOffice.getByRole('status').first().innerText(), WAIT)
      .toMatch(/Recall of Fresh Milk 1 L made/);
    expect(await axeProblems(backOffice, 'recalls, one active')).toEqual([]);

    await syncedSinceNow();
    await expect.poll(() => focused(counter), WAIT).toBe('code-entry');
    await scanAll(counter, [packOfLot('L2411')]);
    const message = counter.getByTestId('scan-message');
    await expect.poll(() => message.getAttribute('data-code').catch(() => null), WAIT).toBe('item_recalled');
    expect(await message.innerText()).toMatch(
      /^Recalled: Fresh Milk 1 L, lot L2411 \(Possible glass fragments\) — do not sell/,
    );
    await shot(counter, 'counter-recall-refused');
    await expect.poll(() => counter.getByTestId('basket-total').innerText()).toContain('11.90');

    await scanAll(counter, [packOfLot('L2412')]);
    await expect.poll(() => counter.getByTestId('line-pack').last().innerText(), WAIT).toContain('L2412');
    await expect.poll(() => counter.getByTestId('basket-total').innerText(), WAIT).toContain('23.80');
  });

  it('the cashier takes cash, closes the shift 6.00 short with a supervisor, and gets the Z report', async () => {
    await counter.keyboard.press('F12');
    await expect.poll(() => counter.getByTestId('tender-due').innerText(), WAIT).toContain('23.80');
    await counter.keyboard.type('50');
    await counter.keyboard.press('Enter');
    await expect.poll(() => counter.getByTestId('paid-change').innerText(), WAIT).toContain('26.20');
    await counter.keyboard.press('Enter');
    await counter.getByTestId('counter-empty').waitFor(WAIT);

    // Expected in the drawer: the ¥100 float and 23.80. Counted 117.80 (100, 10, 5, 2 × 1, 0.50, 3 × 0.10):
    // 6.00 short, over the cashier's 5.00, so a supervisor approves.
    await counter.keyboard.press('F9');
    await counter.getByTestId('shift-menu').waitFor(WAIT);
    await counter.keyboard.press('5');
    await counter.getByTestId('blind-count').waitFor(WAIT);
    await typeCount(counter, [1, 0, 0, 1, 1, 2, 1, 3]);
    await counter.getByTestId('approval-dialog').waitFor(WAIT);
    await expect.poll(() => counter.getByTestId('difference').innerText(), WAIT).toMatch(/-.*6\.00/);
    await expect.poll(() => focused(counter), WAIT).toBe('badge-input');
    await scanAll(counter, [SUPERVISOR.badge, STAFF_PINS.supervisor]);
    const z = counter.getByTestId('z-report');
    await expect.poll(() => z.innerText().catch(() => ''), WAIT).toMatch(/Z report 1/);
    expect(await z.innerText()).toMatch(/Approved by\s*S01/);
    await shot(counter, 'counter-z-report');
  });

  it('the back office shows the sale in the day’s report and the Z report with its difference', async () => {
    // The sale and the shift's close wait in the counter's outbox until a sync takes them up.
    await laneCall('sync.now');
    await expect.poll(pendingEvents, WAIT).toBe(0);
    await backOffice.goto(`${office.hq.url}/#/sales?from=${utcDay(-1)}&to=${utcDay(1)}`);
    await expect.poll(() => backOffice.getByTestId('sales-takings').textContent(), WAIT).toContain('23.80');
    await expect
      .poll(() => backOffice.getByTestId('table-by-day').locator('tbody tr').first().innerText(), WAIT)
      // Day (any: a run across midnight), currency, one sale, its total, its tax, its two lines.
      .toMatch(/^\d{4}-\d\d-\d\d\s+CNY\s+1\s+CN¥23\.80\s+CN¥\d+\.\d\d\s+2\s/);
    expect(await axeProblems(backOffice, 'sales')).toEqual([]);
    await shot(backOffice, 'sales');

    await backOffice.getByRole('link', { name: 'Z reports' }).click();
    const row = backOffice.getByTestId('table-z-reports').locator('tbody tr').first();
    await expect.poll(() => row.textContent(), WAIT).toContain('S01');
    // Store, terminal, Z number … the difference and who approved it.
    expect(await row.innerText()).toMatch(/S001\s+C01\s+1\s.*-CN¥6\.00\s+\(short\)\s+S01$/s);
    expect(await axeProblems(backOffice, 'z reports')).toEqual([]);
    await shot(backOffice, 'z-reports');
  });

  it('revokes the counter in the back office; its next sync is refused and its screen says so', async () => {
    await openArea(backOffice, 'stores');
    await backOffice.getByTestId('stores-table').getByRole('button', { name: 'S001' }).click();
    await backOffice.getByRole('button', { name: 'Revoke C01' }).click();
    await backOffice.getByRole('button', { name: 'Revoke it' }).click();
    await expect
      .poll(() => backOffice.getByRole('status').first().textContent(), WAIT)
      .toBe('C01 was revoked.');

    await laneCall('sync.now');
    await expect
      .poll(() => counter.getByTestId('sync-text').textContent(), WAIT)
      .toBe('Removed from HQ — enrol this terminal again');
    const status = await laneCall<{ sync: { online: boolean; lastErrorCode?: string | null } }>(
      'sync.status',
    );
    expect(status.sync).toMatchObject({ online: false, lastErrorCode: 'device_revoked' });
    await shot(counter, 'counter-revoked');
  });
});
