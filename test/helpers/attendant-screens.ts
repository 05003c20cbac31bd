// The screens of a supervised store, as data for the every-screen runner: an attendant console and two
// kiosks, each its own `openlane serve` and data directory, linked by the store key, HQ not running.
// Lane K01 holds Pay for an 18+ item; lane K02 calls for help, is paused and closed from the console,
// then waits on its payment code; lane K03 is in the console's list but never reports (offline).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { launchPage } from './browser';
import { closedPort } from './checkout';
import { chooseLanguage } from './kiosk-screens';
import { linkPort, writeLaneSettings } from './lanes';
import type { ScreenEntry } from './screen-matrix';
import { inTempDir } from './screen-lane';
import { startServe } from './serve';
import { addAttendant } from './staff-lane';

export interface StoreScreens {
  console: Page;
  /** Lane K01 (the age hold) and lane K02 (help, paused, closed, paying). */
  k01: Page;
  k02: Page;
  language: 'en' | 'zh-CN';
  close(): Promise<void>;
}

/** Which page an entry is looked at on. */
export type StoreScreen = ScreenEntry<StoreScreens> & { on: 'console' | 'k01' | 'k02' };

/** The attendant every lane knows, who decides age checks from the console. */
export const ATTENDANT = { id: 'A01', name: 'Li Na', badge: 'STAFF-A01X', pin: '2468' };

const vodka = demoProducts().find((p) => p.name.startsWith('Vodka') && p.ageLimit === 18)!;
const bread = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

/** The console, lanes K01 and K02 (K01 with the 18+ item held), and one Chromium showing all three. */
export async function startStoreScreens(): Promise<StoreScreens> {
  return inTempDir('openlane-store-screens-', async (dir, cleanups) => {
    const absent = await closedPort();
    const consoleDir = join(dir, 'C01');
    mkdirSync(consoleDir, { mode: 0o700 });
    writeLaneSettings(consoleDir, 'C01', 'attendant', {
      offlineSeconds: 3,
      lanes: [{ id: 'K03', url: absent.url }],
    });
    const consoleServe = await startServe({ dataDir: consoleDir });
    cleanups.push(() => consoleServe.stop());
    const consoleUrl = `http://127.0.0.1:${linkPort(consoleServe)}`;
    const urls: string[] = [];
    for (const id of ['K01', 'K02']) {
      mkdirSync(join(dir, id), { mode: 0o700 });
      writeLaneSettings(join(dir, id), id, 'kiosk', { console: consoleUrl });
      // After the settings: `staff add` writes the badge into them. The lane checks the PIN.
      await addAttendant(join(dir, id), ATTENDANT);
      const serve = await startServe({ dataDir: join(dir, id) });
      cleanups.push(() => serve.stop());
      urls.push(serve.url);
    }
    const { browser, page: consolePage } = await launchPage();
    cleanups.push(() => browser.close());
    const [k01, k02] = await Promise.all(urls.map((url) => openLane(browser, url)));
    await consolePage.goto(consoleServe.url);
    await consolePage.getByTestId('attendant').waitFor();
    await keyIn(k01!, bread.barcode);
    await keyIn(k01!, vodka.barcode);
    await k01!.getByTestId('age-check').waitFor();
    return { console: consolePage, k01: k01!, k02: k02!, language: 'en' as const };
  });
}

async function openLane(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByTestId('welcome').waitFor();
  return page;
}

/** A barcode typed on the kiosk's keypad, as a shopper does when the scanner cannot read it. */
async function keyIn(page: Page, barcode: string): Promise<void> {
  const lines = await page.getByTestId('basket-line').count();
  await page.getByTestId('keypad-input').fill(barcode);
  await page.getByTestId('keypad-submit').click();
  // A locator's wait, not expect.poll: this runs in beforeAll too.
  await page.getByTestId('basket-line').nth(lines).waitFor();
}

const shown = (page: Page, testId: string) => page.getByTestId(testId).isVisible();

/** K02's help call gone from the queue (handled), its overlay closed, the lane open. */
async function quietK02(s: StoreScreens): Promise<void> {
  await closePanel(s);
  await handleHelp(s);
  if (await shown(s.k02, 'help-overlay')) await s.k02.getByTestId('help-close').click();
  if (await shown(s.k02, 'lane-closed')) await setMode(s, 'open');
  await s.k02.getByTestId('lane-closed').waitFor({ state: 'hidden' });
}

/** The console marks K02's help call handled, if there is one. */
async function handleHelp(s: StoreScreens): Promise<void> {
  const call = s.console.getByTestId('call-K02-help');
  if (!(await call.isVisible())) return;
  await call.getByTestId('call-handled').click();
  await expect.poll(() => call.isVisible()).toBe(false);
}

async function closePanel(s: StoreScreens): Promise<void> {
  if (await shown(s.console, 'lane-panel')) await s.console.getByTestId('lane-panel-close').click();
}

/** The console's lane panel of `laneId`, in the context's language. */
async function openPanel(s: StoreScreens, laneId: string): Promise<void> {
  await closePanel(s);
  await chooseLanguage(s.console, s.language);
  await s.console.getByTestId(`lane-${laneId}`).click();
  await s.console.getByTestId('lane-panel').waitFor();
}

async function setMode(s: StoreScreens, mode: 'open' | 'paused' | 'closed'): Promise<void> {
  await openPanel(s, 'K02');
  await s.console.getByTestId(`mode-${mode}`).click();
  await expect.poll(() => s.console.getByTestId(`mode-${mode}`).isDisabled()).toBe(true);
  await closePanel(s);
}

/** Help on K02 in the context's language: the call raised, the console not yet answering. */
async function callHelp(s: StoreScreens): Promise<void> {
  await quietK02(s);
  await chooseLanguage(s.k02, s.language);
  await s.k02.getByTestId('help-button').click();
  await expect.poll(() => s.console.getByTestId('call-K02-help').isVisible()).toBe(true);
}

/** Lane K02 paused or closed from the console: the kiosk's calm notice. */
const laneMode = (mode: 'paused' | 'closed'): StoreScreen => ({
  name: `lane-${mode}`,
  on: 'k02',
  shows: 'lane-closed',
  needs: [],
  async reach(s) {
    await quietK02(s);
    await chooseLanguage(s.k02, s.language);
    await setMode(s, mode);
    await expect.poll(() => s.k02.getByTestId('lane-closed').getAttribute('data-mode')).toBe(mode);
  },
});

/** The console with the age hold and K02 paying and calling: both kinds of call in the queue. */
async function busyBoard(s: StoreScreens): Promise<void> {
  await closePanel(s);
  if (!(await shown(s.k02, 'payment'))) {
    await quietK02(s);
    if (!(await s.k02.getByTestId('basket-line').count())) await keyIn(s.k02, bread.barcode);
    await s.k02.getByTestId('pay-button').click();
    await s.k02.getByTestId('payment-qr').waitFor();
  }
  if (!(await shown(s.console, 'call-K02-help'))) {
    if (await shown(s.k02, 'help-overlay')) await s.k02.getByTestId('help-close').click();
    await s.k02.getByTestId('help-button').click();
    await s.console.getByTestId('call-K02-help').waitFor();
  }
  await chooseLanguage(s.console, s.language);
  await expect.poll(() => s.console.getByTestId('lane-K02').getAttribute('data-state')).toBe('needs-help');
  await expect.poll(() => s.console.getByTestId('lane-K03').getAttribute('data-state')).toBe('offline');
  await s.console.getByTestId('call-K01-age-check').waitFor();
}

/** K02's lane panel on the busy board: its basket, waiting on the payment code. */
async function paymentPanel(s: StoreScreens): Promise<void> {
  await busyBoard(s);
  await openPanel(s, 'K02');
}

/** Every screen of the supervised store, in an order where each is cheap to reach from the one before. */
export const STORE_SCREENS: StoreScreen[] = [
  {
    // The shopper's basket holding Pay for the 18+ item: "An attendant will check your ID".
    name: 'lane-age-hold',
    on: 'k01',
    shows: 'age-check',
    needs: ['pay-button', 'help-button'],
    async reach(s) {
      await chooseLanguage(s.k01, s.language);
      await s.k01.getByTestId('age-check').waitFor();
    },
  },
  {
    name: 'lane-help-calling',
    on: 'k02',
    shows: 'help-overlay',
    needs: ['help-close'],
    async reach(s) {
      await callHelp(s);
      await expect
        .poll(() => s.k02.getByTestId('help-call').getAttribute('data-status'))
        .toMatch(/calling|waiting/);
    },
  },
  {
    name: 'lane-help-coming',
    on: 'k02',
    shows: 'help-overlay',
    needs: ['help-close'],
    async reach(s) {
      await callHelp(s);
      await s.console.getByTestId('call-K02-help').getByTestId('call-acknowledge').click();
      await expect.poll(() => s.k02.getByTestId('help-call').getAttribute('data-status')).toBe('coming');
    },
  },
  laneMode('paused'),
  laneMode('closed'),
  {
    // Both kinds of call waiting, oldest first: the age check's button, Help's "On my way" and "Handled".
    name: 'console-queue',
    on: 'console',
    shows: 'queue',
    needs: ['lane-K01', 'lane-K02', 'lane-K03'],
    reach: busyBoard,
  },
  {
    // Help handled: one lane needs an age check, one is paying, one is offline.
    name: 'console-board',
    on: 'console',
    shows: 'queue',
    needs: ['lane-K01', 'lane-K02', 'lane-K03'],
    async reach(s) {
      await busyBoard(s);
      await handleHelp(s);
      await expect.poll(() => s.console.getByTestId('lane-K02').getAttribute('data-state')).toBe('paying');
    },
  },
  {
    name: 'console-lane-panel',
    on: 'console',
    shows: 'lane-basket',
    needs: ['mode-open', 'mode-paused', 'mode-closed', 'lane-mark-paid', 'lane-panel-close'],
    reach: paymentPanel,
  },
  {
    name: 'console-mark-paid',
    on: 'console',
    shows: 'mark-paid-form',
    needs: ['mark-paid-form-submit', 'lane-panel-close'],
    async reach(s) {
      await paymentPanel(s);
      await s.console.getByTestId('lane-mark-paid').click();
    },
  },
  {
    name: 'console-age-check',
    on: 'console',
    shows: 'age-check',
    needs: ['age-approve-submit', 'age-refuse', 'lane-panel-close'],
    async reach(s) {
      await openPanel(s, 'K01');
      await s.console.getByTestId('age-check').waitFor();
    },
  },
  {
    // A wrong PIN: the lane refuses it and the panel says so above the lanes' controls; Back still fits.
    name: 'console-age-check-wrong-pin',
    on: 'console',
    shows: 'attendant-error',
    needs: ['age-approve-submit', 'age-refuse', 'lane-panel-close'],
    async reach(s) {
      await openPanel(s, 'K01');
      const form = s.console.getByTestId('age-approve');
      // The form's fields in order, in any language: the age on the ID, the badge, the PIN.
      const [badge, pin] = [form.locator('input').nth(1), form.locator('input').nth(2)];
      await badge.fill(ATTENDANT.badge);
      await pin.fill('0000');
      await s.console.getByTestId('age-approve-submit').click();
    },
  },
];
