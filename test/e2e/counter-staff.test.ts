// Staff at the counter, for real: `openlane serve --role counter` with staff of every role in its
// settings.json, the built UI in Chromium, and only the keyboard. The counter opens to sign-in, a wrong
// PIN is refused in the cashier's words, the header names who is signed in, F10 locks and the PIN goes
// on with the sale, a supervisor takes over with F9, a restart comes back to sign-in with the sale kept,
// and the idle lock falls by itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { openShiftIfAsked, seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { CASHIER, PLAIN_ATTENDANT, STAFF_PINS, SUPERVISOR } from '../helpers/staff';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'counter-staff');
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const MILK = { barcode: withCheckDigit('690000000101'), name: 'Fresh Milk 1 L' };
const BREAD = { barcode: withCheckDigit('690000000102'), name: 'Toast Bread' };
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

describe('staff at the counter: sign in, lock, take over, idle lock — by keyboard', () => {
  let dir: string;
  let data: string;
  let lane: Lane;
  let page: Page;

  const visible = (testId: string) => () => page.getByTestId(testId).isVisible();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const names = () => page.getByTestId('line-name').allInnerTexts();
  const type = async (text: string) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  /** Both screen sizes, then back to the lane's 1280×800. */
  const shots = async (name: string) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize(SIZES[0]!);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-counter-staff-'));
    data = join(dir, 'data');
    writeFileSync(
      join(dir, 'catalog.csv'),
      [
        'barcode,name,price,tax_rate',
        `${MILK.barcode},${MILK.name},12.90,13`,
        `${BREAD.barcode},${BREAD.name},8.50,13`,
        '',
      ].join('\n'),
    );
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    seedCounterStaff(data);
    lane = await startLane({ dir, dataDir: data, serveArgs: ['--role', 'counter'] });
    page = lane.page;
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens to sign-in with the badge field focused; nothing sells before anyone signs in', async () => {
    await page.goto(lane.serve.url);
    await expect.poll(visible('counter-signin')).toBe(true);
    expect(await page.getByTestId('counter').count()).toBe(0);
    await expect.poll(focused).toBe('badge-input');
    expect(await seriousViolations(page)).toEqual([]);
    await shots('01-sign-in');
    // The backend refuses too, whatever a screen does.
    const refused = await page.evaluate(async (code) => {
      const response = await fetch('/api/basket.addScan', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, source: 'keypad' }),
      });
      return response.json();
    }, MILK.barcode);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('refuses a wrong PIN and a plain attendant in the cashier’s words, then signs the cashier in', async () => {
    await type(CASHIER.badge);
    await expect.poll(focused).toBe('pin-input');
    await type('0000');
    await expect.poll(() => page.getByTestId('staff-refusal').innerText()).toBe('Wrong PIN — type it again');
    // The badge stays; the PIN is emptied and has the focus again.
    expect(await page.getByTestId('badge-input').inputValue()).toBe(CASHIER.badge);
    await expect.poll(focused).toBe('pin-input');
    expect(await page.getByTestId('pin-input').inputValue()).toBe('');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await type(PLAIN_ATTENDANT.badge);
    await type(STAFF_PINS.attendant);
    await expect
      .poll(() => page.getByTestId('staff-refusal').innerText())
      .toBe('This badge may not do that — call a supervisor');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await type(CASHIER.badge);
    await type(STAFF_PINS.cashier);
    // The first sign-in of the day counts the float (renderer/counter/shift); the shift stays open after.
    await openShiftIfAsked(page);
    await expect.poll(visible('counter')).toBe(true);
    expect(await page.getByTestId('counter-staff').innerText()).toMatch(/Wang Fang · Cashier/);
    await expect.poll(focused).toBe('code-entry');
    expect(await page.getByTestId('key-legend').innerText()).toMatch(/F10\s*Lock[\s\S]*⇧F10\s*Sign out/);
  });

  it('F10 locks with the sale kept; F9 offers the supervisor’s take-over; the PIN goes on with the sale', async () => {
    await type(MILK.barcode);
    await expect.poll(names).toEqual([MILK.name]);
    await page.keyboard.press('F10');
    await expect.poll(visible('counter-locked')).toBe(true);
    expect(await page.getByTestId('locked-by').innerText()).toBe('Wang Fang · Cashier');
    expect(await page.getByTestId('sale-waiting').innerText()).toBe('A sale of 1 line is waiting');
    expect(await page.getByTestId('counter-staff').count()).toBe(0);
    await expect.poll(focused).toBe('pin-input');
    expect(await seriousViolations(page)).toEqual([]);
    await shots('02-locked');

    await page.keyboard.press('F9');
    await expect.poll(visible('approval-dialog')).toBe(true);
    await expect.poll(focused).toBe('badge-input');
    // The focus stays in the dialog: Tab goes round its own fields and buttons.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('badge-input');
    await shots('03-approval-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('approval-dialog').count()).toBe(0);
    await expect.poll(focused).toBe('pin-input');

    await type(STAFF_PINS.cashier);
    await expect.poll(visible('counter')).toBe(true);
    expect(await names()).toEqual([MILK.name]);
    await type(BREAD.barcode);
    await expect.poll(names).toEqual([MILK.name, BREAD.name]);
  });

  it('a supervisor takes over a locked till with badge and PIN; Shift+F10 signs them out', async () => {
    await page.keyboard.press('F10');
    await expect.poll(visible('counter-locked')).toBe(true);
    await page.keyboard.press('F9');
    await expect.poll(visible('approval-dialog')).toBe(true);
    await type(SUPERVISOR.badge);
    await type('0000');
    await expect.poll(() => page.getByTestId('staff-refusal').innerText()).toBe('Wrong PIN — type it again');
    await type(STAFF_PINS.supervisor);
    await expect.poll(visible('counter')).toBe(true);
    expect(await page.getByTestId('counter-staff').innerText()).toMatch(/Zhao Lei · Supervisor/);
    expect(await names()).toEqual([MILK.name, BREAD.name]);
    await page.keyboard.press('Shift+F10');
    await expect.poll(visible('counter-signin')).toBe(true);
    expect(await page.getByTestId('sale-waiting').innerText()).toBe('A sale of 2 lines is waiting');
  });

  it('takes a badge from the serial scanner at sign-in; an item scanned there sells nothing', async () => {
    lane.pty.write(`${MILK.barcode}\r\n`);
    lane.pty.write(`${CASHIER.badge}\r\n`);
    await expect.poll(() => page.getByTestId('badge-input').inputValue()).toBe(CASHIER.badge);
    await expect.poll(focused).toBe('pin-input');
    await type(STAFF_PINS.cashier);
    await expect.poll(visible('counter')).toBe(true);
    // The milk scanned while signed out was refused, not added: the sale is as it was.
    expect(await names()).toEqual([MILK.name, BREAD.name]);
    expect(await page.getByTestId('line-qty').allInnerTexts()).toEqual(['1', '1']);
  });

  it('after a restart the counter is at sign-in with the sale kept; idle, it locks by itself', async () => {
    seedCounterStaff(data, { idleLockSeconds: 5 });
    await lane.restart();
    await page.goto(lane.serve.url);
    await signInAtCounter(page);
    await expect.poll(names).toEqual([MILK.name, BREAD.name]);
    // No key for 5 s: the screen locks, and the backend with it.
    await expect.poll(visible('counter-locked'), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('locked-by').innerText()).toBe('Wang Fang · Cashier');
    await type(STAFF_PINS.cashier);
    await expect.poll(visible('counter')).toBe(true);
    expect(await names()).toEqual([MILK.name, BREAD.name]);
  });
});
