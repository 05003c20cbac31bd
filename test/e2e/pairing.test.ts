// A browser on another machine pairs with a till served on the network, as a store would do it:
// `openlane serve --host 0.0.0.0 --demo`, Chromium opening the till by the machine's LAN address (so
// the till sees it arrive from the network), sent to /pair, the printed token typed in, then the kiosk —
// its API calls and its event stream carried by the cookie. Real serve, real Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { machineAddresses } from '../../services/web/addresses';
import { launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';

describe('pairing a browser on the network', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  const lan = machineAddresses().find((a) => !a.startsWith('127.'));

  beforeAll(async () => {
    if (!lan) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    dir = mkdtempSync(join(tmpdir(), 'openlane-pairing-'));
    serve = await startServe({ dataDir: join(dir, 'data'), args: ['--host', '0.0.0.0', '--demo'] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends an unpaired browser to /pair, refuses a wrong token, and with the right one opens the kiosk', async () => {
    const port = new URL(serve.url).port;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://${lan}:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/pair');
    await page.getByLabel(/Access token/).fill('not-the-token');
    await page.getByRole('button', { name: /Pair/ }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not this terminal’s access token/);

    const token = readFileSync(join(dir, 'data', 'access-token'), 'utf8').trim();
    await page.getByLabel(/Access token/).fill(token);
    await page.getByRole('button', { name: /Pair/ }).click();
    await page.getByTestId('welcome').waitFor();
    await expect.poll(() => page.getByTestId('training-ribbon').isVisible()).toBe(true);

    // A scan made at the till (its API, from this machine) reaches the paired page by the event stream.
    const item = demoProducts().find((p) => p.unit === 'each' && !p.ageLimit)!;
    await fetch(new URL('/api/basket.addScan', serve.url), {
      method: 'POST',
      body: JSON.stringify({ code: item.barcode, source: 'keypad' }),
    });
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(1);
    await page.close();
  });
  it('pairs a customer display with its own token: it follows the sale and cannot reach the till', async () => {
    const port = new URL(serve.url).port;
    const token = readFileSync(join(dir, 'data', 'display-token'), 'utf8').trim();
    expect(serve.output()).toContain(`/pair?token=${token}`);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`http://${lan}:${port}/pair?token=${token}`);
    expect(new URL(page.url()).pathname).toBe('/display');
    // The sale the first test started is still open: the display shows its one line.
    await expect.poll(() => page.getByTestId('display-line').count()).toBe(1);
    // A scan at the till reaches the display by its own event stream.
    const item = demoProducts().filter((p) => p.unit === 'each' && !p.ageLimit)[1]!;
    await fetch(new URL('/api/basket.addScan', serve.url), {
      method: 'POST',
      body: JSON.stringify({ code: item.barcode, source: 'keypad' }),
    });
    await expect.poll(() => page.getByTestId('display-line').count()).toBe(2);
    // The till itself stays shut to it: its start page leads back to the display, its API refuses.
    await page.goto(`http://${lan}:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/display');
    const answer = await page.evaluate(() =>
      fetch('/api/basket.cancel', { method: 'POST', body: '{}' }).then((r) => r.status),
    );
    expect(answer).toBe(403);
    await expect.poll(() => page.getByTestId('display-line').count()).toBe(2);
    await page.close();
  });
});
