// Loose produce on a real scale: `openlane serve` with a Magellan scanner-scale on a socat pty (the
// emulator plays the device by its documented protocol), its kiosk in Chromium at 1024×768. A kg item
// scanned on the scanner-scale opens the weigh screen; the weight comes only from the scale.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { ATTENDANT, ATTENDANT_PIN } from '../helpers/attendant';
import { seriousViolations } from '../helpers/axe';
import { openKiosk } from '../helpers/browser';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'weigh');
const WAIT = { timeout: 10_000 };
/** Fuji Apples in the demo store: ¥12.90 per kg. */
const APPLES = '6901000000004';

describe('weighing loose produce on the scanner-scale', () => {
  let dir: string;
  let device: MagellanEmulator;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const api = (name: string, input: object) =>
    fetch(new URL(`/api/${name}`, serve.url), { method: 'POST', body: JSON.stringify(input) }).then(
      (r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>,
    );

  /** The attendant's step opened by their badge: they type the weight in grams. */
  const typeWeight = async (grams: string) => {
    await page.getByTestId('weigh-staff-weight-input').waitFor(WAIT);
    await page.getByTestId('weigh-staff-weight-input').fill(grams);
    await page.getByTestId('weigh-staff-weight-submit').click();
  };
  /** The attendant's right PIN: the weigh screen closes and the basket has one more line, of `weight`. */
  const addedWithPin = async (lines: number, weight: string) => {
    await page.getByTestId('weigh-staff-pin-input').fill(ATTENDANT_PIN);
    await page.getByTestId('weigh-staff-pin-submit').click();
    await page.getByTestId('weigh-screen').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.getByTestId('basket-line').count(), WAIT).toBe(lines + 1);
    const qty = await page.getByTestId('line-qty').allTextContents();
    expect(qty.some((text) => text.includes(weight))).toBe(true);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-weigh-'));
    device = await startMagellanEmulator(dir);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const scale = { path: device.devicePath, minimumWeightGrams: 20, pollMs: 100, answerTimeoutMs: 600 };
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, scale, attendants: [ATTENDANT] }),
    );
    // No --scanner: the scale's port is the scanner-scale, opened as the terminal's scanner too.
    serve = await startServe({ dataDir });
    await waitForScanners(serve.url);
    ({ browser, page } = await openKiosk(serve.url));
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await device?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the item and the live weight, moving then stable, and adds the line at the scale’s weight', async () => {
    device.set({ state: 'zero' });
    device.scan(APPLES);
    const screen = page.getByTestId('weigh-screen');
    await screen.waitFor(WAIT);
    await expect.poll(() => screen.getByRole('heading').textContent(), WAIT).toBe('Fuji Apples');
    await expect.poll(() => page.getByTestId('weigh-unit-price').textContent(), WAIT).toBe('¥12.90 per kg');
    const state = page.getByTestId('weigh-state');
    const add = page.getByTestId('weigh-add');
    await expect.poll(() => state.textContent(), WAIT).toBe('Place the item on the scale.');
    expect(await add.isDisabled()).toBe(true);
    // A shopper cannot type a weight: no field, no keypad, no typed-weight dialog.
    expect(await screen.locator('input, .keypad').count()).toBe(0);
    expect(await page.getByTestId('weight-dialog').count()).toBe(0);

    device.set({ state: 'motion' });
    await expect.poll(() => state.textContent(), WAIT).toBe('Please wait — the scale is still settling.');
    expect(await add.isDisabled()).toBe(true);
    await shot('1024x768-moving');
    expect(await seriousViolations(page)).toEqual([]);

    device.set({ state: 'stable', grams: 10 });
    await expect.poll(() => state.getAttribute('data-state'), WAIT).toBe('too-light');
    expect(await add.isDisabled()).toBe(true);

    device.set({ state: 'stable', grams: 1234 });
    await expect.poll(() => page.getByTestId('weigh-weight').textContent(), WAIT).toBe('1.234 kg');
    // 12.90 × 1.234 = 15.9186 → ¥15.92
    await expect.poll(() => page.getByTestId('weigh-price').textContent(), WAIT).toBe('¥15.92');
    await expect.poll(() => add.isEnabled(), WAIT).toBe(true);
    await shot('1024x768-stable');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await shot('1080x1920-stable');
    await page.setViewportSize({ width: 1024, height: 768 });

    await add.click();
    await screen.waitFor({ state: 'detached', ...WAIT });
    const line = page.getByTestId('basket-line');
    await expect.poll(() => line.count(), WAIT).toBe(1);
    await expect.poll(() => line.getByTestId('line-name').textContent(), WAIT).toContain('Fuji Apples');
    expect(await line.getByTestId('line-qty').textContent()).toContain('1.234 kg');
    expect(await line.getByTestId('line-total').textContent()).toContain('¥15.92');
  });

  it('refuses a typed weight on this kiosk: the weight is the scale’s', async () => {
    const typed = await api('basket.addScan', { code: APPLES, source: 'keypad', weightGrams: 500 });
    expect(typed).toMatchObject({ ok: false, error: { code: 'weight_from_scale' } });
  });

  it('says (in Chinese too) the scale is not connected when unplugged, and weighs again once back', async () => {
    const lines = await page.getByTestId('basket-line').count();
    await page.getByTestId('language-zh').click();
    device.set({ state: 'stable', grams: 800 });
    device.scan(APPLES);
    // The item by its name in the shopper's language (the demo store's 简体中文 names).
    await expect
      .poll(() => page.getByTestId('weigh-screen').locator('h2').textContent(), WAIT)
      .toBe('富士苹果');
    const state = page.getByTestId('weigh-state');
    await expect.poll(() => page.getByTestId('weigh-weight').textContent(), WAIT).toBe('0.800 kg');
    await expect.poll(() => state.textContent(), WAIT).toBe('重量已稳定。请按“加入购物篮”。');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await shot('1080x1920-stable-zh');
    await page.setViewportSize({ width: 1024, height: 768 });
    await device.unplug();
    await expect.poll(() => state.textContent(), WAIT).toBe('秤未连接。请联系工作人员。');
    expect(await page.getByTestId('weigh-add').isDisabled()).toBe(true);
    expect(await page.getByTestId('weigh-weight').textContent()).toBe('– kg');
    await shot('1024x768-disconnected-zh');
    await device.plugBack();
    device.set({ state: 'stable', grams: 650 });
    await expect.poll(() => page.getByTestId('weigh-weight').textContent(), WAIT).toBe('0.650 kg');
    await page.getByTestId('weigh-add').click();
    await expect.poll(() => page.getByTestId('basket-line').count(), WAIT).toBe(lines + 1);
  });

  it('lets an attendant type the weight, after their badge and with their PIN, when the scale cannot', async () => {
    await page.getByTestId('language-en').click();
    const lines = await page.getByTestId('basket-line').count();
    device.set({ state: 'silent' });
    device.scan(APPLES);
    const state = page.getByTestId('weigh-state');
    await expect
      .poll(() => state.textContent(), WAIT)
      .toBe('The scale is not answering. Please ask an attendant.');
    // Nothing to type until staff come.
    expect(await page.getByTestId('weigh-staff-weight-input').count()).toBe(0);
    device.scan(ATTENDANT.badge);
    await typeWeight('450');
    await page.getByTestId('weigh-staff-pin-input').fill('1111');
    await page.getByTestId('weigh-staff-pin-submit').click();
    await expect
      .poll(() => page.getByTestId('weigh-staff-error').getAttribute('data-code'), WAIT)
      .toBe('staff_denied');
    await shot('1024x768-attendant-pin');
    expect(await seriousViolations(page)).toEqual([]);
    await addedWithPin(lines, '0.450 kg');
  });

  it('takes the attendant’s badge from a keyboard-wedge scanner too', async () => {
    const lines = await page.getByTestId('basket-line').count();
    device.set({ state: 'over-capacity' });
    device.scan(APPLES);
    await expect
      .poll(() => page.getByTestId('weigh-state').getAttribute('data-state'), WAIT)
      .toBe('over-capacity');
    expect(await page.getByTestId('weigh-staff-weight-input').count()).toBe(0);
    // The badge typed as a wedge scanner types it: fast keys and Enter, nothing focused.
    await typeLikeScanner(page, ATTENDANT.badge);
    await typeWeight('2350');
    expect(await page.getByTestId('weigh-add').count()).toBe(0); // the scale's Add gave way to the attendant
    await addedWithPin(lines, '2.350 kg');
  });
});
