// Scanning with the kiosk's camera, for real: Chromium's fake camera plays a video made from one of
// ZXing's barcode photographs; the page decodes it in a Web Worker with zxing-wasm served by the
// terminal itself, and the item lands in the basket.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { fakeCameraArgs, makeCameraVideo } from '../helpers/fake-camera';
import { picturePath, pictureText } from '../helpers/fixtures';
import { startServe, type ServeProcess } from '../helpers/serve';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

describe('scan with camera', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  const barcode = pictureText('ean13-3/01').trim();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-camera-'));
    const data = join(dir, 'data');
    // The photographed book is in this store's catalog.
    writeFileSync(
      join(dir, 'catalog.csv'),
      `barcode,name,price,tax_rate\n${barcode},Photographed Book,59.00,9\n`,
    );
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    serve = await startServe({ dataDir: data });
    browser = await launchChromium(
      fakeCameraArgs(makeCameraVideo(picturePath('ean13-3/01'), join(dir, 'camera.y4m'))),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the barcode the camera sees and puts the item in the basket', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(serve.url);
    await page.getByTestId('camera-button').click();
    await expect.poll(() => page.getByTestId('camera-view').isVisible()).toBe(true);
    await page.screenshot({ path: join(process.cwd(), 'test-artifacts', 'camera-view.png') }).catch(() => {});
    await expect
      .poll(() => page.getByTestId('line-name').allInnerTexts(), { timeout: 15_000 })
      .toEqual(['Photographed Book']);
    // One accepted read adds one item, and the camera view closes.
    await expect.poll(() => page.getByTestId('camera-view').count()).toBe(0);
    expect(await page.getByTestId('line-qty').innerText()).toBe('1');
  });

  it('adds nothing while the camera sees a page of text with no barcode', async () => {
    const picture = picturePath('falsepositives/01');
    const textCamera = await launchChromium(fakeCameraArgs(makeCameraVideo(picture, join(dir, 'text.y4m'))));
    try {
      const page = await textCamera.newPage({ viewport: { width: 1280, height: 800 } });
      // The basket the first test filled, read from the terminal; wait until the screen shows it.
      const session = await fetch(new URL('/api/session.get', serve.url), { method: 'POST', body: '{}' });
      const before =
        ((await session.json()) as { value: { basket: { lines: unknown[] } | null } }).value.basket?.lines
          .length ?? 0;
      await page.goto(serve.url);
      await expect.poll(() => page.getByTestId('basket-line').count()).toBe(before);
      await page.getByTestId('camera-button').click();
      await expect
        .poll(() => page.locator('[data-testid="camera-view"] [data-state="running"]').count())
        .toBe(1);
      await page.waitForTimeout(3000); // some 60 frames decoded
      expect(await page.getByTestId('camera-view').isVisible()).toBe(true);
      await page.getByTestId('camera-close').click();
      expect(await page.getByTestId('basket-line').count()).toBe(before);
    } finally {
      await textCamera.close();
    }
  });
});
