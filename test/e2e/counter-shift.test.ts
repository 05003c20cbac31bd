// A counter shift in Chromium, by keyboard only, against a real terminal (real SQLite, the receipt
// printer on a socat pseudo-terminal that answers the drawer's status): the float counted, a pay-out,
// the X report, a close counted 1.00 short of expected — over a limit of 0.50 here, so a supervisor's
// badge and PIN approve — and the Z report on screen and on the paper, with a drawer pulse captured for
// each cash event. The cashier signs in at the counter's sign-in screen first, by keyboard.
// Screens are saved at 1280×800 and 1024×768 in test-artifacts/counter-shift/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terminal } from '../../services/terminal';
import type { WebHost } from '../../services/web/host';
import { seriousViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { drawerPrinter, type DrawerPrinter } from '../helpers/drawer-printer';
import { gb18030Text, lastCut } from '../helpers/escpos';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { shootBoth, startPrinterCounter } from '../helpers/counter-day';
import { signInAtCounter } from '../helpers/counter-staff';
import { CASHIER, STAFF_PINS, SUPERVISOR } from '../helpers/staff';

const PULSE = [0x1b, 0x70, 0x00, 25, 250];
const OUT = fileURLToPath(new URL('../../test-artifacts/counter-shift/', import.meta.url));

let dir: string;
let pty: PtyPair;
let paper: DrawerPrinter;
let terminal: Terminal;
let host: WebHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-counter-shift-'));
  mkdirSync(OUT, { recursive: true });
  pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  paper = drawerPrinter(pty);
  const data = join(dir, 'data');
  mkdirSync(data);
  ({ terminal, host } = await startPrinterCounter(data, pty.devicePath));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await signInAtCounter(page, CASHIER, { openShift: false });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await terminal?.close();
  paper?.close();
  await pty?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The screen at 1280×800 and 1024×768, once any dialog has settled. */
const shoot = (name: string) => shootBoth(page, OUT, name);

describe('a counter shift by keyboard', () => {
  it('float, pay-out, X report, close 1.00 short with a supervisor, Z report printed, drawer pulses', async () => {
    // The float before selling: two ¥100 notes and one ¥50, typed row by row (largest first).
    const float = page.getByTestId('float-count');
    await float.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('count-10000');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await expect.poll(() => page.getByTestId('count-total').textContent()).toContain('250.00');
    await shoot('float');
    expect(await seriousViolations(page)).toEqual([]);
    // Enter through the remaining rows opens the shift.
    for (let i = 0; i < 7; i++) await page.keyboard.press('Enter');
    await page.getByTestId('code-entry').waitFor();
    await expect.poll(() => page.getByTestId('key-legend').textContent()).toContain('F9');

    // F9 → 2: a pay-out of 12.00 for the window cleaner.
    await page.keyboard.press('F9');
    await page.getByTestId('shift-menu').waitFor();
    await shoot('menu');
    await page.keyboard.press('2');
    await page.getByTestId('form-pay_out').waitFor();
    await page.keyboard.type('12.00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('window cleaner');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('shift-menu').getAttribute('data-step')).toBe('menu');
    await expect.poll(() => paper.pulses()).toEqual([PULSE]);

    // 4: the X report, read-only: 250 − 12 = 238.00 expected.
    await page.keyboard.press('4');
    const x = page.getByTestId('x-report');
    await x.waitFor();
    await expect.poll(() => x.textContent()).toMatch(/Expected cash.*238\.00/);
    await shoot('x-report');
    await page.keyboard.press('Escape');

    // 5: the blind count shows no expected amount; 237.00 counted (two 100s, one 20, one 10, seven 1s).
    await page.keyboard.press('5');
    const count = page.getByTestId('blind-count');
    await count.waitFor();
    expect(await count.textContent()).not.toContain('238');
    await page.keyboard.type('2'); // 100
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // 50
    await page.keyboard.type('1'); // 20
    await page.keyboard.press('Enter');
    await page.keyboard.type('1'); // 10
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // 5
    await page.keyboard.type('7'); // 1
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('count-total').textContent()).toContain('237.00');
    await shoot('blind-count');
    await page.keyboard.press('Enter'); // 0.50
    await page.keyboard.press('Enter'); // 0.10, then submit

    // 1.00 short is over the cashier's 0.50: the difference shows, a supervisor approves.
    const approval = page.getByTestId('approval-dialog');
    await approval.waitFor();
    await expect.poll(() => page.getByTestId('difference').textContent()).toContain('-');
    await expect.poll(() => page.getByTestId('difference').textContent()).toContain('1.00');
    await shoot('approval');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('badge-input');
    await page.keyboard.type(SUPERVISOR.badge);
    await page.keyboard.press('Enter');
    await page.keyboard.type(STAFF_PINS.supervisor);
    await page.keyboard.press('Enter');

    // The Z report on screen, printed, and the shift closed.
    const z = page.getByTestId('z-report');
    await page.locator('[data-testid="z-report"], [data-testid="shift-error"]').first().waitFor();
    expect(await page.getByTestId('shift-error').count()).toBe(0);
    await expect.poll(() => z.textContent()).toMatch(/Z report 1/);
    await expect.poll(() => z.textContent()).toMatch(/Approved byS01/);
    await expect
      .poll(() => page.getByTestId('z-printed').textContent())
      .toBe('Printed on the receipt printer');
    await shoot('z-report');
    expect(await seriousViolations(page)).toEqual([]);
    const paperText = gb18030Text(paper.received().subarray(0, lastCut(paper.received()) + 1));
    expect(paperText).toContain('Z REPORT 1');
    expect(paperText).toMatch(/Difference \(short\) +-1\.00/);
    expect(paperText).toMatch(/Approved by +S01/);
    // One pulse for the pay-out, none for the float or the close.
    expect(paper.pulses()).toEqual([PULSE]);

    // Enter: back to the float for the next shift.
    await page.keyboard.press('Enter');
    await page.getByTestId('float-count').waitFor();
  });
});
