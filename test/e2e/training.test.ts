// Training mode as a shopper and a cashier see it: a terminal whose payments go to the built-in
// simulator shows the training ribbon on every screen — welcome, basket, payment, paid — in English and
// 中文, and its receipt says it is a training receipt. Real `openlane serve`, real scanner pty, Chromium.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { startLane, type Lane } from '../helpers/browser';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'training');
const RIBBON = { en: 'Training — payments are simulated', zh: '培训模式 — 支付为模拟' } as const;
const RECEIPT = { en: 'Training receipt — not a sale', zh: '培训小票 — 非真实交易' } as const;
const items = demoProducts()
  .filter((p) => p.unit === 'each' && !p.ageLimit)
  .slice(0, 3);

/** The ribbon is there, says the text of the language, and is not hidden under anything. */
async function expectRibbon(page: Page, language: 'en' | 'zh') {
  const ribbon = page.getByTestId('training-ribbon');
  await expect.poll(() => ribbon.innerText()).toBe(RIBBON[language]);
  const box = (await ribbon.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBe(0);
  expect(box.width).toBe(viewport.width);
  // Whatever is at the ribbon's centre is the ribbon itself: no screen or dialog covers it.
  const onTop = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="training-ribbon"]') !== null,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(onTop).toBe(true);
}

/** Nothing of the screen is cut off below the ribbon: the page does not scroll, the screen fits. */
async function expectFits(page: Page) {
  const overflow = await page.evaluate(() => {
    const body = document.querySelector('.training-body')!;
    return {
      scroll: body.scrollHeight - body.clientHeight,
      page: document.documentElement.scrollHeight - innerHeight,
    };
  });
  expect(overflow).toEqual({ scroll: 0, page: 0 });
}

describe('training mode', () => {
  let dir: string;
  let lane: Lane;
  let counter: Lane;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-training-e2e-'));
    for (const role of ['kiosk', 'counter']) mkdirSync(join(dir, role));
    lane = await startLane({ dir: join(dir, 'kiosk'), dataDir: join(dir, 'kiosk-data') });
    seedCounterStaff(join(dir, 'counter-data'));
    counter = await startLane({
      dir: join(dir, 'counter'),
      dataDir: join(dir, 'counter-data'),
      serveArgs: ['--role', 'counter'],
    });
  });

  afterAll(async () => {
    await lane?.close();
    await counter?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [language, viewport] of [
    ['en', { width: 1024, height: 768 }],
    ['zh', { width: 1920, height: 1080 }],
  ] as const) {
    it(`shows the ribbon on every kiosk screen in ${language} at ${viewport.width}×${viewport.height}, and marks the receipt`, async () => {
      const { page } = lane;
      await page.setViewportSize(viewport);
      const shot = (name: string) =>
        page.screenshot({ path: join(ARTIFACTS, `kiosk-${viewport.width}-${language}-${name}.png`) });
      await page.goto(lane.serve.url);
      await page.getByTestId('welcome').waitFor();
      await page.getByTestId(`language-${language}`).click();
      await expectRibbon(page, language);
      await shot('1-welcome');
      await expectFits(page);

      for (const item of items) lane.pty.write(`${item.barcode}\r\n`);
      await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
      await expectRibbon(page, language);
      await shot('2-basket');
      await expectFits(page);

      await page.getByTestId('pay-button').click();
      await page.getByTestId('payment-qr').waitFor();
      await expectRibbon(page, language);
      await shot('3-payment');
      await expectFits(page);

      const payUrl = await page.getByTestId('payment-qr').getAttribute('data-payload');
      const phone = await lane.browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(payUrl!);
      await phone.getByRole('button', { name: /approve/i }).click();
      await phone.close();
      await page.getByTestId('paid').waitFor();
      await expectRibbon(page, language);
      await expect
        .poll(() => page.getByTestId('receipt-training').allInnerTexts())
        .toEqual([RECEIPT[language], RECEIPT[language]]);
      // The e-receipt link says training too, for the page it opens.
      expect(await page.getByTestId('ereceipt-qr').getAttribute('data-payload')).toMatch(/[?&]training=1$/);
      await shot('4-paid');
      await expectFits(page);
      // Done is on the screen, not below its edge.
      const done = (await page.getByTestId('done-button').boundingBox())!;
      expect(done.y + done.height).toBeLessThanOrEqual(viewport.height);
      await page.getByTestId('done-button').click();
      await page.getByTestId('welcome').waitFor();
    });
  }

  it('shows the ribbon on the counter, selling and paid, and marks its receipt', async () => {
    const { page } = counter;
    // Signed in once: the till stays signed in across the page loads below.
    await page.goto(counter.serve.url);
    await signInAtCounter(page);
    for (const viewport of [
      { width: 1024, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto(counter.serve.url);
      await page.getByTestId('counter').waitFor();
      await page.getByTestId('language-en').click();
      await expectRibbon(page, 'en');
      await expectFits(page);
      await page.keyboard.type(items[0]!.barcode);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('basket-line').count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, `counter-${viewport.width}-en-1-sale.png`) });
      await page.keyboard.press('F12');
      await page.getByTestId('tender-due').waitFor();
      await page.keyboard.press('F8');
      await page.getByTestId('tender-qr-code').waitFor();
      await expectRibbon(page, 'en');
      const payUrl = await page.getByTestId('tender-qr-code').getAttribute('data-payload');
      const phone = await counter.browser.newPage();
      await phone.goto(payUrl!);
      await phone.getByRole('button', { name: /approve/i }).click();
      await phone.close();
      await page.getByTestId('ereceipt-qr').waitFor();
      await expectRibbon(page, 'en');
      await expect.poll(() => page.getByTestId('receipt-training').count()).toBe(2);
      await page.screenshot({ path: join(ARTIFACTS, `counter-${viewport.width}-en-2-paid.png`) });
      await page.keyboard.press('Enter');
      await page.getByTestId('counter-empty').waitFor();
    }
  });
});
