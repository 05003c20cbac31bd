// Supervised self-checkout for real: two kiosks and an attendant console, each its own `openlane serve`
// with its own data directory, HQ not running, lane 1 reading a socat pseudo-terminal scanner. The
// lanes report to the console over the lane link on loopback, signed with the store key.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { signedHeaders } from '../../services/lanes/auth';
import { REPORT_PATH } from '../../services/lanes/protocol';
import { seriousViolations } from '../helpers/axe';
import { launchPage, startLane, type Lane } from '../helpers/browser';
import { linkPort, OTHER_KEY, writeLaneSettings } from '../helpers/lanes';
import { startServe, type ServeProcess } from '../helpers/serve';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'attendant');

describe('the attendant console with two lanes', () => {
  let dir: string;
  let consoleServe: ServeProcess;
  let consoleUrl: string;
  let lane1: Lane;
  let lane2: ServeProcess;
  let browser: Browser;
  let consolePage: Page;
  let lane2Page: Page;
  const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
  const card = (id: string) => consolePage.getByTestId(`lane-${id}`);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-attendant-'));
    const consoleDir = join(dir, 'console');
    mkdirSync(consoleDir, { mode: 0o700 });
    writeLaneSettings(consoleDir, 'C01', 'attendant', { offlineSeconds: 3 });
    consoleServe = await startServe({ dataDir: consoleDir });
    consoleUrl = `http://127.0.0.1:${linkPort(consoleServe)}`;
    for (const id of ['K01', 'K02']) {
      mkdirSync(join(dir, id), { mode: 0o700 });
      writeLaneSettings(join(dir, id), id, 'kiosk', { console: consoleUrl });
    }
    lane1 = await startLane({ dir, dataDir: join(dir, 'K01') });
    lane2 = await startServe({ dataDir: join(dir, 'K02') });
    browser = lane1.browser;
    consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    lane2Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await lane2?.stop();
    await lane1?.close();
    await consoleServe?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every lane, and a scan on lane 1 as shopping with its item count', async () => {
    await consolePage.goto(consoleServe.url);
    await expect.poll(() => card('K01').getAttribute('data-state')).toBe('idle');
    await expect.poll(() => card('K02').getAttribute('data-state')).toBe('idle');
    lane1.pty.write(`${item.barcode}\r\n`);
    await expect.poll(() => card('K01').getAttribute('data-state')).toBe('shopping');
    await expect.poll(() => consolePage.getByTestId('lane-K01-basket').innerText()).toMatch(/1 item/);
  });

  it('takes Help on lane 2 to the console queue; acknowledged, the lane says an attendant is coming', async () => {
    await lane2Page.goto(lane2.url);
    await lane2Page.getByTestId('welcome').waitFor();
    await lane2Page.getByTestId('help-button').click();
    await expect
      .poll(() => lane2Page.getByTestId('help-overlay').innerText())
      .toMatch(/Calling an attendant…/);
    const call = consolePage.getByTestId('call-K02-help');
    await expect.poll(() => call.isVisible()).toBe(true);
    await expect.poll(() => card('K02').getAttribute('data-state')).toBe('needs-help');
    await shot(consolePage, 'console-1280x800');
    expect(await seriousViolations(consolePage)).toEqual([]);
    expect(await seriousViolations(lane2Page)).toEqual([]);

    await call.getByTestId('call-acknowledge').click();
    await expect
      .poll(() => lane2Page.getByTestId('help-overlay').innerText())
      .toMatch(/An attendant is coming/);
    await shot(lane2Page, 'lane-help-coming');
    await consolePage.setViewportSize({ width: 1024, height: 768 });
    await shot(consolePage, 'console-1024x768');
    await consolePage.getByTestId('language-zh').click();
    await expect.poll(() => consolePage.getByTestId('attendant').innerText()).toMatch(/值守台/);
    await shot(consolePage, 'console-1024x768-zh');
    await consolePage.getByTestId('language-en').click();
    await consolePage.setViewportSize({ width: 1280, height: 800 });

    await call.getByTestId('call-handled').click();
    await expect.poll(() => consolePage.getByTestId('queue-empty').isVisible()).toBe(true);
  });

  it('pauses lane 2 from the console: the kiosk shows it calmly, and opens again', async () => {
    await lane2Page.keyboard.press('Escape');
    await card('K02').click();
    await consolePage.getByTestId('lane-panel').waitFor();
    await shot(consolePage, 'console-lane-panel');
    expect(await seriousViolations(consolePage)).toEqual([]);
    await consolePage.getByTestId('mode-paused').click();
    await expect.poll(() => lane2Page.getByTestId('lane-closed').getAttribute('data-mode')).toBe('paused');
    await expect.poll(() => lane2Page.getByTestId('lane-closed').innerText()).toMatch(/This lane is paused/);
    await shot(lane2Page, 'lane-paused');
    await consolePage.getByTestId('mode-open').click();
    await expect.poll(() => lane2Page.getByTestId('welcome').isVisible()).toBe(true);
    await consolePage.getByTestId('lane-panel-close').click();
  });

  it('shows lane 1 offline within 5 s of it being killed, and online again when it is back', async () => {
    await expect.poll(() => card('K01').getAttribute('data-state')).toBe('shopping');
    const killed = Date.now();
    await lane1.serve.stop('SIGKILL');
    await expect.poll(() => card('K01').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    expect(Date.now() - killed).toBeLessThan(5000);
    await shot(consolePage, 'console-lane-offline');
    await lane1.restart();
    await expect.poll(() => card('K01').getAttribute('data-state'), { timeout: 10_000 }).toBe('shopping');
  });

  it('refuses a request from a device without the store key', async () => {
    const body = JSON.stringify({ laneId: 'K99' });
    const unsigned = await fetch(new URL(REPORT_PATH, consoleUrl), { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const wrongKey = await fetch(new URL(REPORT_PATH, consoleUrl), {
      method: 'POST',
      headers: signedHeaders(OTHER_KEY, 'K99', { method: 'POST', path: REPORT_PATH, body }),
      body,
    });
    expect(wrongKey.status).toBe(401);
    expect(await consolePage.getByTestId('lane-K99').count()).toBe(0);
  });
});

// A store without a key: no console can answer, and both screens say so rather than pretend.
describe('without a store key', () => {
  it('the kiosk says honestly that no attendant answered, in both languages', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openlane-kiosk-nokey-'));
    const serve = await startServe({ dataDir });
    const { browser, page } = await launchPage();
    try {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(serve.url);
      await page.getByTestId('welcome').waitFor();
      await page.getByTestId('help-button').click();
      const help = page.getByTestId('help-overlay');
      await expect.poll(() => help.innerText()).toMatch(/No attendant has answered yet/);
      expect(await help.innerText()).toMatch(/help you right here with their badge/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByTestId('language-zh').click();
      await page.getByTestId('help-button').click();
      await expect.poll(() => help.innerText()).toMatch(/暂时没有工作人员回应/);
      await page.screenshot({
        path: join(ARTIFACTS, 'kiosk-help-unanswered-1024x768-zh.png'),
        animations: 'disabled',
      });
    } finally {
      await browser.close();
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the console says the lane link is off', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openlane-attendant-nokey-'));
    writeLaneSettings(dataDir, 'C01', 'attendant', { key: null });
    const serve = await startServe({ dataDir });
    const { browser, page } = await launchPage();
    try {
      await page.goto(serve.url);
      await expect.poll(() => page.getByTestId('link-off').innerText()).toMatch(/No store key/);
    } finally {
      await browser.close();
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
