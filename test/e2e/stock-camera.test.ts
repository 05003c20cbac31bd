// The stock screen's camera, for real: Chromium's fake camera plays a video made from one of ZXing's
// barcode photographs, the page decodes it in its Web Worker (the kiosk's camera, reused), and the
// price check shows the photographed item — on a `stock` terminal's own screen, signed in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { fakeCameraArgs, makeCameraVideo } from '../helpers/fake-camera';
import { picturePath, pictureText } from '../helpers/fixtures';
import { startServe, type ServeProcess } from '../helpers/serve';
import { seedCounterStaff } from '../helpers/staff';
import { PHONE, signInForStock } from '../helpers/stock-screens';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

describe('the stock screen’s camera', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const barcode = pictureText('ean13-3/01').trim();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-camera-'));
    const data = join(dir, 'data');
    writeFileSync(
      join(dir, 'catalog.csv'),
      `barcode,name,price,tax_rate\n${barcode},Photographed Book,59.00,9\n`,
    );
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    seedCounterStaff(data);
    serve = await startServe({ dataDir: data, args: ['--role', 'stock'] });
    browser = await launchChromium(
      fakeCameraArgs(makeCameraVideo(picturePath('ean13-3/01'), join(dir, 'camera.y4m'))),
    );
    page = await browser.newPage({ viewport: PHONE });
    await page.goto(serve.url);
    await signInForStock(page);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the code the camera sees into the price check, and the camera view closes', async () => {
    await page.getByTestId('stock-task-price').click();
    await page.getByTestId('stock-camera').click();
    await expect.poll(() => page.getByTestId('camera-view').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('stock-item-name').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('stock-item-name').innerText()).toBe('Photographed Book');
    expect(await page.getByTestId('stock-item-price').innerText()).toBe('¥59.00');
    await expect.poll(() => page.getByTestId('camera-view').count()).toBe(0);
  });
});
