// The customer display for real: `openlane serve --role counter` on the demo store, the cashier's till in
// one Chromium page and /display in another. The cashier types codes (by keyboard only); the display
// follows each scan, the language, the payment QR (the same code the till shows, read from the display's
// pixels), the paid sale and the next customer. Screenshots at 1920×1080 and 1024×768 of each screen.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { startLane, type Lane } from '../helpers/browser';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { decodeQrFromPng } from '../helpers/qr';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'display');
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];
// Items sold by the piece, with no age check, each with a Chinese name in the catalog.
const items = demoProducts()
  .filter((p) => p.unit === 'each' && p.ageLimit === null && p.names?.['zh-CN'])
  .slice(0, 7);

describe('the customer display follows the counter’s sale', () => {
  let dir: string;
  let lane: Lane;
  let till: Page;
  let display: Page;

  const shots = async (name: string) => {
    for (const size of SCREENS) {
      await display.setViewportSize(size);
      await display.screenshot({
        path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`),
        animations: 'disabled',
      });
    }
  };
  const enter = async (text: string) => {
    await till.keyboard.type(text);
    await till.keyboard.press('Enter');
  };
  const lineNames = () => display.getByTestId('display-line-name').allInnerTexts();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-display-'));
    seedCounterStaff(join(dir, 'data'));
    lane = await startLane({ dir, dataDir: join(dir, 'data'), serveArgs: ['--role', 'counter'] });
    till = lane.page;
    display = await lane.browser.newPage({ viewport: SCREENS[0] });
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('welcomes with the store’s name while the till has no sale', async () => {
    await till.goto(lane.serve.url);
    await signInAtCounter(till);
    await expect.poll(() => till.getByTestId('counter').isVisible()).toBe(true);
    await display.goto(new URL('/display', lane.serve.url).toString());
    await expect.poll(() => display.getByTestId('display-idle').isVisible()).toBe(true);
    expect(await display.getByTestId('display-store').innerText()).toMatch(/OpenLane Demo Market/i);
    expect(await display.getByTestId('code-entry').count()).toBe(0);
    await shots('01-idle');
  });

  it('shows each line as the cashier types it, with quantities and the total', async () => {
    await enter(items[0]!.barcode);
    await expect.poll(lineNames).toEqual([items[0]!.name]);
    await enter(`3*${items[1]!.barcode}`);
    await expect.poll(lineNames).toEqual([items[0]!.name, items[1]!.name]);
    await expect
      .poll(() => display.getByTestId('display-line-qty').first().innerText())
      .toMatch(new RegExp(`^3 × ¥${(items[1]!.price / 100).toFixed(2)}`));
    for (const item of items.slice(2)) await enter(item.barcode);
    await expect.poll(() => display.getByTestId('display-line').count()).toBe(items.length);
    const total = items.reduce((sum, p, i) => sum + p.price * (i === 1 ? 3 : 1), 0);
    await expect
      .poll(() => display.getByTestId('display-total').innerText())
      .toContain(`¥${(total / 100).toFixed(2)}`);
    expect(await till.getByTestId('basket-total').innerText()).toContain((total / 100).toFixed(2));
    await shots('02-sale');
  });

  it('follows the sale’s language: 简体中文 names where the catalog has them', async () => {
    await till.getByTestId('language-zh').click();
    await expect.poll(lineNames).toEqual(items.map((p) => p.names!['zh-CN']));
    expect(await display.getByTestId('display-count').innerText()).toBe(`共 ${items.length + 2} 件`);
    await shots('03-sale-zh');
    await till.getByTestId('language-en').click();
    await expect.poll(lineNames).toEqual(items.map((p) => p.name));
  });

  it('shows the payment QR the till shows while it waits, then the paid sale, then welcomes the next', async () => {
    await till.keyboard.press('F12');
    await till.getByTestId('tender-due').waitFor();
    await till.keyboard.press('F8');
    const tillQr = till.getByTestId('tender-qr-code');
    await expect.poll(() => tillQr.isVisible()).toBe(true);
    const qr = display.getByTestId('display-qr');
    await expect.poll(() => qr.isVisible()).toBe(true);
    // Read from the display's pixels, as the shopper's phone would, at both screen sizes.
    const payload = await tillQr.getAttribute('data-payload');
    await shots('04-paying');
    for (const size of SCREENS) {
      await display.setViewportSize(size);
      expect(decodeQrFromPng(await qr.screenshot()), `${size.width}×${size.height}`).toBe(payload);
    }

    const phone = await lane.browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(payload!);
    await phone.getByRole('button', { name: /approve/i }).click();
    await phone.waitForLoadState();
    await phone.close();
    await expect.poll(() => display.getByTestId('display-thanks').isVisible()).toBe(true);
    await expect.poll(() => display.getByTestId('display-tenders').innerText()).toMatch(/QR payment/);
    expect(await display.getByTestId('display-qr').count()).toBe(0);
    await shots('05-paid');

    await expect.poll(() => till.getByTestId('paid').isVisible()).toBe(true);
    await till.keyboard.press('Enter');
    await expect.poll(() => display.getByTestId('display-idle').isVisible()).toBe(true);
  });

  it('cannot act on the sale from its page: a write through its door is refused and changes nothing', async () => {
    const answer = await display.evaluate(async (code) => {
      const post = (name: string, body: unknown) =>
        fetch(`/display/api/${name}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
      return {
        scan: (await post('basket.addScan', { code, source: 'keypad' })) as { error?: { code: string } },
        session: (await post('session.get', {})) as { value: { basket: { lines: unknown[] } | null } },
      };
    }, items[0]!.barcode);
    expect(answer.scan.error?.code).toBe('display_read_only');
    expect(answer.session.value.basket?.lines.length ?? 0).toBe(0);
    expect(await display.getByTestId('display-idle').isVisible()).toBe(true);
  });
});
