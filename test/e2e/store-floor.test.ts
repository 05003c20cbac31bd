// The store floor with HQ not running: three kiosks and an attendant console, four `openlane serve`
// processes with their own data directories and the same store key, in one Chromium (a page each).
// K01 and K02 read socat pseudo-terminal scanners, K03 a Magellan scanner-scale emulated on its own pty.
// An 18+ item on lane 2 is held until the console approves it; Help on lane 3 reaches the console and is
// answered; produce is weighed on lane 3's scale; lane 1 crashes and comes back; strangers are refused.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { signedHeaders } from '../../services/lanes/auth';
import { COMMAND_PATH, REPORT_PATH } from '../../services/lanes/protocol';
import { scaleSettingsSchema } from '../../services/scale/scale-settings';
import { ATTENDANT, ATTENDANT_PIN } from '../helpers/attendant';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { press } from '../helpers/checkout';
import { linkPort, OTHER_KEY, writeLaneSettings } from '../helpers/lanes';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { lastJournalData, sessionAt } from '../helpers/staff-lane';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'store-floor');
/** What a user would see, on a loaded machine: at most 10 s. */
const WAIT = { timeout: 10_000 };
/** Fuji Apples in the demo store: ¥12.90 per kg. */
const APPLES = '6901000000004';
const KIOSK_SCREEN = { width: 1024, height: 768 };
const CONSOLE_SCREEN = { width: 1280, height: 800 };

/** Awaits every start, and throws the first failure only once all have settled (so each can be cleaned up). */
async function settleAll(starts: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

describe('the store floor with HQ not running: three kiosks and one attendant console', () => {
  let dir: string;
  let consoleServe: ServeProcess | undefined;
  let lane1: Lane | undefined;
  let lane2Pty: PtyPair | undefined;
  let lane2: ServeProcess | undefined;
  let scale: MagellanEmulator | undefined;
  let lane3: ServeProcess | undefined;
  let consolePage: Page;
  let page1: Page;
  let page2: Page;
  let page3: Page;
  const vodka = demoProducts().find((p) => p.ageLimit === 18 && p.unit === 'each')!;
  const bread = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
  const card = (id: string) => consolePage.getByTestId(`lane-${id}`);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-floor-'));
    const dataDir = (id: string) => {
      mkdirSync(join(dir, id), { mode: 0o700 });
      return join(dir, id);
    };
    const consoleDir = dataDir('C01');
    writeLaneSettings(consoleDir, 'C01', 'attendant', { offlineSeconds: 3 });
    consoleServe = await startServe({ dataDir: consoleDir });
    const lanes = { console: `http://127.0.0.1:${linkPort(consoleServe)}` };
    for (const id of ['K01', 'K02']) writeLaneSettings(dataDir(id), id, 'kiosk', lanes);
    // The attendant's badge and PIN are checked by the lane whose age check is decided.
    writeLaneSettings(join(dir, 'K02'), 'K02', 'kiosk', lanes, { attendants: [ATTENDANT] });

    // The three lanes start side by side; whichever fails, the others are still assigned and stopped.
    await settleAll([
      startLane({ dir, dataDir: join(dir, 'K01') }).then((lane) => (lane1 = lane)),
      (async () => {
        lane2Pty = await startPtyPair(dir, { deviceName: 'k02-dev', hostName: 'k02-host' });
        lane2 = await startServe({ dataDir: join(dir, 'K02'), scanners: [lane2Pty.devicePath] });
        await waitForScanners(lane2.url);
      })(),
      (async () => {
        scale = await startMagellanEmulator(dir, 'k03-scale');
        const k03 = dataDir('K03');
        const device = scaleSettingsSchema.parse({
          path: scale.devicePath,
          pollMs: 100,
          answerTimeoutMs: 600,
        });
        writeLaneSettings(k03, 'K03', 'kiosk', lanes, { scale: device });
        // No --scanner: the scale's port is the scanner-scale, opened as the lane's scanner too.
        lane3 = await startServe({ dataDir: k03 });
        await waitForScanners(lane3.url);
      })(),
    ]);

    const browser = lane1!.browser;
    page1 = lane1!.page;
    await page1.setViewportSize(KIOSK_SCREEN);
    [consolePage, page2, page3] = await Promise.all([
      browser.newPage({ viewport: CONSOLE_SCREEN }),
      browser.newPage({ viewport: KIOSK_SCREEN }),
      browser.newPage({ viewport: KIOSK_SCREEN }),
    ]);
    await consolePage.goto(consoleServe.url);
    for (const [page, serve] of [
      [page1, lane1!.serve],
      [page2, lane2!],
      [page3, lane3!],
    ] as const) {
      await page.goto(serve.url);
      await page.getByTestId('welcome').waitFor(WAIT);
    }
  });

  afterAll(async () => {
    // lane1 owns the browser: closing it closes every page.
    await Promise.allSettled([lane1?.close(), lane2?.stop(), lane3?.stop(), consoleServe?.stop()]);
    await Promise.allSettled([lane2Pty?.kill(), scale?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows all three lanes on the console', async () => {
    for (const id of ['K01', 'K02', 'K03'])
      await expect.poll(() => card(id).getAttribute('data-state'), WAIT).toBe('idle');
  });

  it('holds Pay for an 18+ item on lane 2 until the attendant approves it on the console', async () => {
    lane2Pty!.write(`${bread.barcode}\r\n${vodka.barcode}\r\n`);
    await expect.poll(() => page2.getByTestId('basket-line').count(), WAIT).toBe(2);
    const held = page2.getByTestId('age-check');
    await expect.poll(() => held.getAttribute('data-state'), WAIT).toBe('needed');
    expect(await held.innerText()).toContain('An attendant will check your ID');
    const pay = page2.getByTestId('pay-button');
    expect(await pay.isDisabled()).toBe(true);
    expect(await pay.innerText()).toBe('Waiting for ID check');
    await shot(page2, 'lane2-held');
    expect(await seriousViolations(page2)).toEqual([]);

    const call = consolePage.getByTestId('call-K02-age-check');
    await call.waitFor(WAIT);
    await expect.poll(() => card('K02').getAttribute('data-state'), WAIT).toBe('needs-help');
    expect(await card('K02').innerText()).toContain('Age check');
    await expect.poll(() => consolePage.getByTestId('lane-K02-basket').innerText(), WAIT).toMatch(/2 items/);
    await shot(consolePage, 'console-board-age-check');
    expect(await seriousViolations(consolePage)).toEqual([]);

    await call.getByRole('button', { name: 'Age check' }).click();
    const panel = consolePage.getByTestId('lane-panel');
    const check = panel.getByTestId('age-check');
    await check.waitFor(WAIT);
    await expect.poll(() => panel.getByTestId('lane-basket').innerText(), WAIT).toContain(vodka.name);
    await check.getByLabel('Age on the ID').fill('34');
    const approve = check.getByTestId('age-approve');
    await approve.getByLabel('Your badge').fill(ATTENDANT.badge);
    // A wrong PIN is refused by the lane, said so on the console, and holds Pay as it was.
    await approve.getByLabel('PIN').fill('0000');
    await approve.getByRole('button', { name: 'Approve (ID seen)' }).click();
    // The attendant is looking at the lane panel: the error is said there, not behind it.
    await expect
      .poll(() => panel.getByTestId('attendant-error').innerText(), WAIT)
      .toContain('Wrong PIN — please try again');
    expect(await held.getAttribute('data-state')).toBe('needed');
    expect(await pay.isDisabled()).toBe(true);
    await approve.getByLabel('PIN').fill(ATTENDANT_PIN);
    await shot(consolePage, 'console-age-check-open');
    expect(await seriousViolations(consolePage)).toEqual([]);
    await approve.getByRole('button', { name: 'Approve (ID seen)' }).click();

    await expect.poll(() => held.getAttribute('data-state'), WAIT).toBe('approved');
    await expect.poll(() => pay.isEnabled(), WAIT).toBe(true);
    await expect.poll(() => check.count(), WAIT).toBe(0);
    await expect.poll(() => consolePage.getByTestId('attendant-error').count(), WAIT).toBe(0);
    expect(lastJournalData(join(dir, 'K02'), 'override')).toMatchObject({
      action: 'age_approved',
      attendantId: ATTENDANT.id,
      via: 'console',
      ageLimit: 18,
      age: 34,
    });
    await consolePage.getByTestId('lane-panel-close').click();
    await expect.poll(() => consolePage.getByTestId('call-K02-age-check').count(), WAIT).toBe(0);

    await pay.click();
    await page2.getByTestId('payment').waitFor(WAIT);
    const { payment } = await sessionAt(lane2!.url);
    expect((await press(payment!.qrPayload!, 'approve')).ok).toBe(true);
    await page2.getByTestId('paid').waitFor(WAIT);
    await expect.poll(() => card('K02').getAttribute('data-state'), WAIT).toBe('paid');
    await shot(page2, 'lane2-paid');
  });

  it('weighs produce on lane 3’s scanner-scale and adds the line at the scale’s weight', async () => {
    scale!.set({ state: 'stable', grams: 1234 });
    scale!.scan(APPLES);
    const screen = page3.getByTestId('weigh-screen');
    await screen.waitFor(WAIT);
    await expect.poll(() => page3.getByTestId('weigh-weight').textContent(), WAIT).toBe('1.234 kg');
    await expect.poll(() => page3.getByTestId('weigh-price').textContent(), WAIT).toBe('¥15.92');
    const add = page3.getByTestId('weigh-add');
    await expect.poll(() => add.isEnabled(), WAIT).toBe(true);
    await shot(page3, 'lane3-weigh');
    await add.click();
    await screen.waitFor({ state: 'detached', ...WAIT });
    const line = page3.getByTestId('basket-line');
    await expect.poll(() => line.count(), WAIT).toBe(1);
    expect(await line.getByTestId('line-qty').textContent()).toContain('1.234 kg');
    expect(await line.getByTestId('line-total').textContent()).toContain('¥15.92');
    await expect.poll(() => consolePage.getByTestId('lane-K03-basket').innerText(), WAIT).toMatch(/1 item/);
  });

  it('takes Help on lane 3 to the console’s queue; acknowledged, lane 3 says an attendant is coming', async () => {
    await page3.getByTestId('help-button').click();
    const help = page3.getByTestId('help-overlay');
    await expect.poll(() => help.innerText(), WAIT).toMatch(/Calling an attendant…/);
    const call = consolePage.getByTestId('call-K03-help');
    await call.waitFor(WAIT);
    await expect.poll(() => card('K03').getAttribute('data-state'), WAIT).toBe('needs-help');
    await shot(consolePage, 'console-help-call');
    expect(await seriousViolations(consolePage)).toEqual([]);
    await call.getByRole('button', { name: 'On my way' }).click();
    await expect.poll(() => help.innerText(), WAIT).toMatch(/An attendant is coming/);
    await shot(page3, 'lane3-help-coming');
  });

  it('shows lane 1 offline within 5 s of it being killed, and online again on the same data', async () => {
    lane1!.pty.write(`${bread.barcode}\r\n`);
    await expect.poll(() => page1.getByTestId('basket-line').count(), WAIT).toBe(1);
    await expect.poll(() => card('K01').getAttribute('data-state'), WAIT).toBe('shopping');
    const killed = Date.now();
    await lane1!.serve.stop('SIGKILL');
    await expect
      .poll(() => card('K01').getAttribute('data-state'), {
        timeout: Math.max(1, 5000 - (Date.now() - killed)),
      })
      .toBe('offline');
    expect(Date.now() - killed).toBeLessThan(5000);
    await shot(consolePage, 'console-lane1-offline');

    await lane1!.restart();
    // The basket was in lane 1's SQLite file: the lane comes back shopping, its item still there.
    await expect.poll(() => card('K01').getAttribute('data-state'), WAIT).toBe('shopping');
    await expect.poll(() => consolePage.getByTestId('lane-K01-basket').innerText(), WAIT).toMatch(/1 item/);
    await page1.goto(lane1!.serve.url);
    await expect.poll(() => page1.getByTestId('basket-line').count(), WAIT).toBe(1);
  });

  it('refuses a device without the store key, at the console’s link and at a lane’s', async () => {
    const toConsole = new URL(REPORT_PATH, `http://127.0.0.1:${linkPort(consoleServe!)}`);
    const toLane = new URL(COMMAND_PATH, `http://127.0.0.1:${linkPort(lane2!)}`);
    const report = JSON.stringify({ laneId: 'K99' });
    const pause = JSON.stringify({ command: 'set-mode', mode: 'paused' });
    for (const [url, body] of [
      [toConsole, report],
      [toLane, pause],
    ] as const) {
      expect((await fetch(url, { method: 'POST', body })).status).toBe(401);
      const headers = signedHeaders(OTHER_KEY, 'K99', { method: 'POST', path: url.pathname, body });
      expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401);
    }
    // Nothing changed: no lane K99 on the board, and lane 2 was not paused.
    expect(await consolePage.getByTestId('lane-K99').count()).toBe(0);
    expect(await card('K02').getAttribute('data-state')).not.toBe('paused');
    expect(await page2.getByTestId('lane-closed').count()).toBe(0);
  });
});
