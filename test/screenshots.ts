// `npx tsx test/screenshots.ts [OUT_DIR]`: drives a real terminal through every kiosk screen in both
// languages, landscape and portrait, and saves the pictures (the README's come from here).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoProducts } from '../core/catalog/demo-store';
import { launchChromium } from './helpers/browser';
import { startServe, waitForScanners } from './helpers/serve';
import { startPtyPair } from './helpers/socat';
import { CASHIER, seedCounterStaff, STAFF_PINS } from './helpers/staff';

const out = resolve(process.argv[2] ?? 'test-artifacts/screens');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'openlane-shots-'));
const pty = await startPtyPair(dir);
const serve = await startServe({ dataDir: join(dir, 'data'), scanners: [pty.devicePath] });
await waitForScanners(serve.url);
const browser = await launchChromium();
const products = demoProducts();
const each = products.filter((p) => p.unit === 'each' && !p.ageLimit);
const weighed = products.find((p) => p.unit === 'kg')!;
const adult = products.find((p) => p.ageLimit)!;
const api = (name: string, input: object = {}) =>
  fetch(new URL(`/api/${name}`, serve.url), { method: 'POST', body: JSON.stringify(input) }).then((r) =>
    r.json(),
  );
/** A date a year from now as GS1's YYMMDD. */
const nextYear = (() => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad((d.getFullYear() + 1) % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
})();
const settle = (page: Page) => page.waitForTimeout(700); // let highlight animations finish

try {
  for (const [label, viewport] of [
    ['landscape', { width: 1280, height: 800 }],
    ['portrait', { width: 1080, height: 1920 }],
  ] as const) {
    for (const language of ['en', 'zh'] as const) {
      const page = await browser.newPage({ viewport });
      const shot = (name: string) => page.screenshot({ path: join(out, `${label}-${language}-${name}.png`) });
      await page.goto(serve.url);
      await page.getByTestId('welcome').waitFor();
      await page.getByTestId(`language-${language}`).click();
      await settle(page);
      await shot('1-welcome');
      // A member card first: the welcome screen shows its badge before any item.
      pty.write('MEM20260001\r\n');
      await page.getByTestId('member-badge').waitFor();
      await settle(page);
      await shot('1-welcome-member');
      for (const p of each.slice(0, 4)) pty.write(`${p.barcode}\r\n`);
      // A GS1 DataMatrix with lot, expiry and its own serial (one per run: a serial sells once).
      pty.write(`]d201${each[4]!.gtin}17${nextYear}\u001d10L2411A\u001d21SN-${label}-${language}\r\n`);
      pty.write(`${adult.barcode}\r\n`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="basket-line"]').length === 6);
      await api('basket.addScan', { code: weighed.barcode, source: 'keypad', weightGrams: 742 });
      pty.write('4006381333931\r\n');
      await page.getByTestId('scan-message').waitFor();
      await settle(page);
      await shot('2-basket');
      await page.getByTestId('pay-button').click();
      await page.getByTestId('payment-qr').waitFor();
      await settle(page);
      await shot('3-payment');
      const payUrl = await page.getByTestId('payment-qr').getAttribute('data-payload');
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(payUrl!);
      if (label === 'landscape' && language === 'en')
        await phone.screenshot({ path: join(out, 'phone-pay-page.png') });
      await phone.getByRole('button', { name: /approve/i }).click();
      await phone.close();
      await page.getByTestId('paid').waitFor();
      await settle(page);
      await shot('4-paid');
      await page.getByTestId('done-button').click();
      await page.getByTestId(`language-${language}`).click(); // a finished sale resets the language
      await page.getByTestId('help-button').click();
      await settle(page);
      await shot('5-help');
      await page.close();
    }
  }
  await counterScreens();
  console.log(`Screenshots in ${out}`);
} finally {
  await browser.close();
  await serve.stop();
  await pty.kill();
  rmSync(dir, { recursive: true, force: true });
}

/** The counter role (a second terminal, `serve --role counter`): selling, paying and paid, both sizes. */
async function counterScreens() {
  const counterPty = await startPtyPair(dir, { deviceName: 'counter-dev', hostName: 'counter-host' });
  seedCounterStaff(join(dir, 'counter-data'));
  const counter = await startServe({
    dataDir: join(dir, 'counter-data'),
    scanners: [counterPty.devicePath],
    args: ['--role', 'counter'],
  });
  try {
    await waitForScanners(counter.url);
    for (const [label, viewport] of [
      ['1280', { width: 1280, height: 800 }],
      ['1920', { width: 1920, height: 1080 }],
    ] as const) {
      for (const language of ['en', 'zh'] as const) {
        const page = await browser.newPage({ viewport });
        const shot = (name: string) =>
          page.screenshot({ path: join(out, `counter-${label}-${language}-${name}.png`) });
        // The handheld scanner's GS1 line reaches the page only by its event stream: it must be open.
        const eventStream = page.waitForEvent('websocket');
        await page.goto(counter.url);
        await eventStream;
        await page.getByTestId(`language-${language}`).click();
        // The counter opens to sign-in; the first page signs the cashier in, the till stays signed in.
        await page.locator('[data-testid="counter-signin"], [data-testid="counter"]').first().waitFor();
        if (await page.getByTestId('counter-signin').isVisible()) {
          await settle(page);
          await shot('0-sign-in');
          await page.keyboard.type(CASHIER.badge);
          await page.keyboard.press('Enter');
          await page.keyboard.type(STAFF_PINS.cashier);
          await page.keyboard.press('Enter');
        }
        await page.getByTestId('counter').waitFor();
        await shot('1-ready');
        // The cashier types codes (one with a quantity); the handheld scanner reads a GS1 pack.
        for (const [i, p] of each.slice(0, 3).entries()) {
          await page.keyboard.type(i === 1 ? `3*${p.barcode}` : p.barcode);
          await page.keyboard.press('Enter');
        }
        counterPty.write(
          `]d201${each[4]!.gtin}17${nextYear}\u001d10L2411A\u001d21SN-C-${label}-${language}\r\n`,
        );
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="basket-line"]').length === 4,
        );
        await page.keyboard.press('ArrowUp');
        await page.keyboard.type('4006381333931');
        await page.keyboard.press('Enter');
        await page.getByTestId('scan-message').waitFor();
        await settle(page);
        await shot('2-sale');
        await page.keyboard.press('F12');
        await page.getByTestId('payment-qr').waitFor();
        await settle(page);
        await shot('3-payment');
        const payUrl = await page.getByTestId('payment-qr').getAttribute('data-payload');
        const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
        await phone.goto(payUrl!);
        await phone.getByRole('button', { name: /approve/i }).click();
        await phone.close();
        await page.getByTestId('ereceipt-qr').waitFor();
        await settle(page);
        await shot('4-paid');
        await page.keyboard.press('Enter');
        await page.getByTestId('counter-empty').waitFor();
        await page.close();
      }
    }
  } finally {
    await counter.stop();
    await counterPty.kill();
  }
}
