// The counter gets the store's restrictions in the cashier's words, for real: `openlane serve --role
// counter` on a store whose settings limit a pharmacy department and stop tobacco sales at this hour,
// the built UI in Chromium, the cashier's keyboard. An 18+ wine holds Pay until the cashier, who is
// staff and sees the ID, presses "ID checked" — journalled as the till's cashier.
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
import { lastJournalData } from '../helpers/staff-lane';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { CASHIER } from '../helpers/staff';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'counter-restrictions');
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

const PILLS = { barcode: withCheckDigit('690000000201'), name: 'Paracetamol 500 mg' };
const CIGARS = { barcode: withCheckDigit('690000000202'), name: 'Cigarillos' };
const WINE = { barcode: withCheckDigit('690000000203'), name: 'Merlot 750 ml' };

/** "HH:MM" of the UTC clock `offset` minutes from now: a no-sale window around this very minute. */
function utcClock(offset: number): string {
  const at = new Date(Date.now() + offset * 60_000);
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

describe('the counter: restrictions in the cashier’s words, and the cashier’s own ID check', () => {
  let dir: string;
  let data: string;
  let lane: Lane;
  let page: Page;
  const window = { from: utcClock(-60), to: utcClock(60) };

  const enter = async (text: string) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  /** The refusal's words (without its OK button); '' while there is none. */
  const message = () =>
    page
      .getByTestId('scan-message')
      .locator('.banner-text')
      .innerText({ timeout: 500 })
      .catch(() => '');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-counter-restrict-'));
    data = join(dir, 'data');
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(
      join(dir, 'catalog.csv'),
      [
        'barcode,name,price,tax_rate,unit,age_limit,department',
        `${PILLS.barcode},${PILLS.name},12.50,13,each,,Pharmacy`,
        `${CIGARS.barcode},${CIGARS.name},45.00,13,each,18,Tobacco`,
        `${WINE.barcode},${WINE.name},89.00,13,each,18,Alcohol`,
        '',
      ].join('\n'),
    );
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    writeFileSync(
      join(data, 'settings.json'),
      JSON.stringify({
        restrictions: {
          timeZone: 'UTC',
          rules: [
            { department: 'Pharmacy', maxPerBasket: 2 },
            { department: 'Tobacco', noSale: [window] },
          ],
        },
      }),
    );
    seedCounterStaff(data);
    lane = await startLane({ dir, dataDir: data, serveArgs: ['--role', 'counter'] });
    page = lane.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(lane.serve.url);
    await signInAtCounter(page);
    await page.getByTestId('counter').waitFor();
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the third pack and the tobacco at this hour, saying so briefly', async () => {
    await enter(`2*${PILLS.barcode}`);
    await expect.poll(() => page.getByTestId('line-qty').allInnerTexts()).toEqual(['2']);
    await enter(PILLS.barcode);
    await expect.poll(message, { timeout: 10_000 }).toBe(`${PILLS.name}: limit 2 per sale`);
    await enter(CIGARS.barcode);
    await expect
      .poll(message, { timeout: 10_000 })
      .toBe(`${CIGARS.name}: no sale ${window.from}–${window.to}`);
    expect(await page.getByTestId('line-name').allInnerTexts()).toEqual([PILLS.name]);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-01-refused.png') });
  });

  it('holds Pay for the wine until the cashier confirms the ID, then takes the payment', async () => {
    await enter(WINE.barcode);
    const check = page.getByTestId('age-check');
    await expect.poll(() => check.getAttribute('data-state'), { timeout: 10_000 }).toBe('needed');
    expect(await check.innerText()).toContain('ID check 18+ — confirm before Pay');
    expect(await page.getByTestId('pay-button').isDisabled()).toBe(true);
    await page.keyboard.press('F12');
    await expect
      .poll(() => page.getByTestId('payment-notice').innerText())
      .toContain('Confirm the ID check first');
    await page.waitForTimeout(300); // after the banners' rise-in (220 ms), so the picture shows them settled
    await page.screenshot({ path: join(ARTIFACTS, 'counter-02-held.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('age-approve').click();
    await expect.poll(() => check.getAttribute('data-state')).toBe('approved');
    expect(await check.innerText()).toBe('ID checked (18+)');
    await page.keyboard.press('F12');
    await page.getByTestId('tender-due').waitFor();
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('tender-qr').isVisible(), { timeout: 10_000 }).toBe(true);

    expect(lastJournalData(data, 'override')).toMatchObject({
      action: 'age_approved',
      via: 'counter',
      // The cashier signed in decided it.
      attendantId: CASHIER.id,
    });
  });
});
