// Steps of a counter's day in Chromium, by keyboard, for end-to-end tests: typing a drawer count row by
// row, scanning products into the sale, a WeChat Pay stand-in to pay through, and the customer's phone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_MERCHANT, type StandinWithMerchant } from '../standins/wechatpay/standin-merchant';

/** The test id of the element holding the keyboard focus. */
export function focused(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
}

/**
 * A float or blind count typed by keyboard, one number per denomination row (largest first, as the
 * dialog lists them): each row's count then Enter, the last Enter submits the count.
 */
export async function typeCount(page: Page, counts: number[]): Promise<void> {
  await expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(/^count-/);
  for (const count of counts) {
    if (count > 0) await page.keyboard.type(String(count));
    await page.keyboard.press('Enter');
  }
}

/** Types each code into the counter's entry and Enter, as a cashier keys or scans them. */
export async function scanAll(page: Page, codes: string[]): Promise<void> {
  for (const code of codes) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }
}

/**
 * Points DATA_DIR's terminal at a WeChat Pay stand-in (test/standins/wechatpay), as its demo does: the
 * store's key files written beside settings.json; returns the `payment` settings. A terminal paying
 * through the built-in simulator is in training mode, whose sales count in no shift: a day whose
 * X and Z reports hold its sales needs a real provider's protocol.
 */
export function wechatPayFor(dataDir: string, wx: StandinWithMerchant): Record<string, unknown> {
  const { standin, merchantKeys } = wx;
  const privateKey = merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(join(dataDir, 'apiclient_key.pem'), privateKey, { mode: 0o600 });
  writeFileSync(
    join(dataDir, 'wechatpay_pub.pem'),
    standin.platform.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  return {
    provider: 'wechatpay',
    baseUrl: standin.url,
    mchid: DEMO_MERCHANT.mchid,
    appid: DEMO_MERCHANT.appid,
    merchantSerialNo: DEMO_MERCHANT.merchantSerialNo,
    privateKeyPath: 'apiclient_key.pem',
    platformPublicKeyPath: 'wechatpay_pub.pem',
    platformSerialNo: standin.platform.serialNo,
    notifyUrl: DEMO_MERCHANT.notifyUrl,
  };
}

/** The customer's phone pays the QR (its code_url) over HTTP at the stand-in's phone endpoint. */
export async function payOnPhone(wx: StandinWithMerchant, codeUrl: string): Promise<boolean> {
  const response = await fetch(`${wx.standin.url}/standin/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code_url: codeUrl }),
  });
  return ((await response.json()) as { paid?: boolean }).paid === true;
}

/** The screen at 1280×800 and 1024×768 into `dir`, once any dialog has settled; then back to 1280×800. */
export async function shootBoth(page: Page, dir: string, name: string): Promise<void> {
  for (const [w, h] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: join(dir, `${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
