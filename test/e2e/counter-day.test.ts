// A cashier's whole day at the counter in Chromium, by keyboard only, against a real terminal (real
// SQLite, the receipt printer on a socat pseudo-terminal that answers the drawer's status): sign in,
// count the float, a cash sale with change, a split cash + QR sale (the QR paid over HTTP as the
// customer's phone would), a sale paid by the customer's wallet code (typed by a keyboard-wedge
// scanner), a pay-out, the X report, a close counted 1.00 short that a supervisor approves by badge and
// PIN, and the Z report printed. The drawer pulses: exactly one per cash event (two cash tenders, the
// pay-out), none for the QR or wallet tenders. After the close the built CLI proves the journal and the
// Z report against it, and the Z report's totals are the sales'.
// Payments go through WeChat Pay's protocol to the local stand-in (test/standins/wechatpay), not the
// built-in simulator: a simulator terminal is in training mode, and this is a live shift with live sales.
// Screens are saved at 1280×800 and 1024×768 in test-artifacts/counter-day/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../services/terminal';
import type { WebHost } from '../../services/web/host';
import { withCheckDigit } from '../../core/barcode/gtin';
import { seriousViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { runOpenlane } from '../helpers/cli';
import {
  focused,
  importCatalog,
  payOnPhone,
  scanAll,
  shootBoth,
  startPrinterCounter,
  typeCount,
} from '../helpers/counter-day';
import { signInAtCounter } from '../helpers/counter-staff';
import { drawerPrinter, type DrawerPrinter } from '../helpers/drawer-printer';
import { gb18030Text, indexOfBytes } from '../helpers/escpos';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { CASHIER, STAFF_PINS, SUPERVISOR } from '../helpers/staff';
import { typeLikeScanner } from '../helpers/wedge';
import {
  standinPaymentSettings,
  startStandinWithMerchant,
  type StandinWithMerchant,
} from '../standins/wechatpay/standin-merchant';

const PULSE = [0x1b, 0x70, 0x00, 25, 250];
const OUT = fileURLToPath(new URL('../../test-artifacts/counter-day/', import.meta.url));
const TEA = { barcode: withCheckDigit('690000000301'), name: 'Green Tea 500 g', price: '12.30' };
const BREAD = { barcode: withCheckDigit('690000000302'), name: 'Toast Bread', price: '8.50' };
const WAIT = { timeout: 10_000 };

let dir: string;
let data: string;
let pty: PtyPair;
let paper: DrawerPrinter;
let terminal: Terminal;
let host: WebHost;
let wx: StandinWithMerchant;
let browser: Browser;
let page: Page;

const text = (id: string) => page.getByTestId(id).innerText();
const shoot = (name: string) => shootBoth(page, OUT, name);
/** The drawer pulses on the paper before byte `at`. */
const pulsesBefore = (at: number) => {
  let n = 0;
  for (let i = indexOfBytes(paper.received(), PULSE); i >= 0 && i < at; n++)
    i = indexOfBytes(paper.received(), PULSE, i + 1);
  return n;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-counter-day-'));
  mkdirSync(OUT, { recursive: true });
  pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  paper = drawerPrinter(pty);
  data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  wx = await startStandinWithMerchant();
  const rows = [TEA, BREAD].map((p) => `${p.barcode},${p.name},${p.price},13`);
  importCatalog(dir, data, 'barcode,name,price,tax_rate', rows);
  ({ terminal, host } = await startPrinterCounter(data, pty.devicePath, {
    payment: standinPaymentSettings(data, wx),
  }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await terminal?.close();
  paper?.close();
  await pty?.kill();
  await wx?.standin.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a day at the counter, by keyboard only', () => {
  it('signs in and counts the float: two ¥100 notes and one ¥50', async () => {
    await signInAtCounter(page, CASHIER, { openShift: false });
    await page.getByTestId('float-count').waitFor(WAIT);
    // Rows 100, 50, 20, 10, 5, 1, 0.50, 0.10; the last Enter opens the shift.
    await typeCount(page, [2, 1, 0, 0, 0, 0, 0, 0]);
    await page.getByTestId('code-entry').waitFor(WAIT);
    await expect.poll(() => focused(page), WAIT).toBe('code-entry');
    expect(paper.pulses()).toEqual([]);
  });

  it('a cash sale with change: 20.80 paid with a ¥50 note, 29.20 back, one drawer pulse', async () => {
    await scanAll(page, [TEA.barcode, BREAD.barcode]);
    await expect.poll(() => text('basket-total'), WAIT).toMatch(/20\.80/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), WAIT).toMatch(/20\.80/);
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('paid-change'), WAIT).toMatch(/29\.20/);
    await expect.poll(() => paper.pulses(), WAIT).toEqual([PULSE]);
    await shoot('cash-change');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), WAIT).toBe(true);
  });

  it('a split sale: 5.00 in cash (a pulse), F8 for a QR of the 7.30 left, paid on the phone (no pulse)', async () => {
    await scanAll(page, [TEA.barcode]);
    await expect.poll(() => text('basket-total'), WAIT).toMatch(/12\.30/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), WAIT).toMatch(/12\.30/);
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('tender-due'), WAIT).toMatch(/7\.30/);
    await expect.poll(() => paper.pulses().length, WAIT).toBe(2);
    await page.keyboard.press('F8');
    await page.getByTestId('tender-qr').waitFor(WAIT);
    await shoot('split-qr');
    const state = await terminal.api['tender.state']({});
    const qr = state.ok ? state.value.payment?.qrPayload : undefined;
    expect(qr).toMatch(/^weixin:\/\//);
    expect(await payOnPhone(wx, qr!)).toBe(true);
    await expect.poll(() => page.getByTestId('paid').isVisible(), WAIT).toBe(true);
    expect(await text('paid-amount')).toMatch(/12\.30/);
    expect(await page.getByTestId('paid-change').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), WAIT).toBe(true);
    expect(paper.pulses()).toHaveLength(2);
  });

  it('a sale paid by the customer’s wallet code, scanned into the tender entry: no pulse', async () => {
    await scanAll(page, [BREAD.barcode]);
    await expect.poll(() => text('basket-total'), WAIT).toMatch(/8\.50/);
    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), WAIT).toMatch(/8\.50/);
    await expect.poll(() => focused(page), WAIT).toBe('tender-entry');
    // A WeChat Pay payment code the simulator pays at once, typed by a keyboard-wedge scanner.
    await typeLikeScanner(page, WALLET.pays);
    await expect.poll(() => page.getByTestId('paid').isVisible(), WAIT).toBe(true);
    expect(await text('paid-amount')).toMatch(/8\.50/);
    // The code is a bearer secret: the screen never shows it.
    expect(await page.locator('body').innerText()).not.toContain(WALLET.pays);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible(), WAIT).toBe(true);
    expect(paper.pulses()).toHaveLength(2);
  });

  it('F9 → 2: a pay-out of 12.00 opens the drawer', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('shift-menu').waitFor(WAIT);
    await page.keyboard.press('2');
    await page.getByTestId('form-pay_out').waitFor(WAIT);
    await page.keyboard.type('12.00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('window cleaner');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('shift-menu').getAttribute('data-step'), WAIT).toBe('menu');
    await expect.poll(() => paper.pulses(), WAIT).toEqual([PULSE, PULSE, PULSE]);
  });

  it('4: the X report: 3 sales, each tender kind, and expected cash = 250 + 25.80 − 12 = 263.80', async () => {
    await page.keyboard.press('4');
    const x = page.getByTestId('x-report');
    await x.waitFor(WAIT);
    await expect.poll(() => x.textContent(), WAIT).toMatch(/Expected cash\D*263\.80/);
    const report = (await x.textContent()) ?? '';
    expect(report).toMatch(/Sales \(3\)\D*41\.60/);
    expect(report).toMatch(/Cash\D*25\.80/);
    expect(report).toMatch(/Merchant QR\D*7\.30/);
    expect(report).toMatch(/Wallet code\D*8\.50/);
    expect(report).toMatch(/Opening float\D*250\.00/);
    expect(report).toMatch(/Pay-outs \(1\)\D*12\.00/);
    await shoot('x-report');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('5: a blind count 1.00 short (262.80), a supervisor approves, the Z report is printed', async () => {
    await page.keyboard.press('5');
    const count = page.getByTestId('blind-count');
    await count.waitFor(WAIT);
    expect(await count.textContent()).not.toContain('263');
    // Two 100s, one 50, one 10, two 1s, one 0.50, three 0.10s.
    await typeCount(page, [2, 1, 0, 1, 0, 2, 1, 3]);

    await page.getByTestId('approval-dialog').waitFor(WAIT);
    await expect.poll(() => text('difference'), WAIT).toMatch(/-\D*1\.00/);
    await expect.poll(() => focused(page), WAIT).toBe('badge-input');
    await page.keyboard.type(SUPERVISOR.badge);
    await page.keyboard.press('Enter');
    await page.keyboard.type(STAFF_PINS.supervisor);
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="z-report"], [data-testid="shift-error"]').first().waitFor(WAIT);
    expect(await page.getByTestId('shift-error').count()).toBe(0);
    const z = page.getByTestId('z-report');
    await expect.poll(() => z.textContent(), WAIT).toMatch(/Z report 1/);
    expect(await z.textContent()).toMatch(/Approved byS01/);
    await expect.poll(() => text('z-printed'), WAIT).toBe('Printed on the receipt printer');
    await shoot('z-report');

    // On the paper: the Z report after exactly three pulses, and none since.
    const zAt = indexOfBytes(paper.received(), Buffer.from('Z REPORT 1'));
    expect(zAt).toBeGreaterThan(0);
    expect(pulsesBefore(zAt)).toBe(3);
    expect(paper.pulses()).toEqual([PULSE, PULSE, PULSE]);
    const zText = gb18030Text(paper.received().subarray(zAt));
    expect(zText).toMatch(/Difference \(short\) +-1\.00/);
    expect(zText).toMatch(/Approved by +S01/);
  });

  it('the journal verifies with the Z report checked, and Z 1 holds the day’s sales', async () => {
    const verify = await runOpenlane(['journal', 'verify', '--data', data]);
    expect(verify.stderr).toMatch(/^Journal intact/);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, zReports: { ok: true, checked: 1 } });

    const report = await runOpenlane(['shift', 'report', '--z', '1', '--json', '--data', data]);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      kind: 'Z',
      z: {
        number: 1,
        terminalId: 'C01',
        closedBy: CASHIER.id,
        approvedBy: SUPERVISOR.id,
        figures: {
          openingFloat: 25_000,
          sales: { count: 3, total: 4160 },
          tenders: { cash: 2580, merchant_qr: 730, wallet_code: 850 },
          change: 2920,
          payOuts: { count: 1, total: 1200 },
          expectedCash: 26_380,
          count: { counted: 26_280, difference: -100 },
        },
      },
    });
  });
});
