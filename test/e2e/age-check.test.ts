// Restrictions that hold, for real: `openlane staff add` with the PIN on stdin, `openlane serve` with a
// socat pseudo-terminal scanner, the built kiosk in Chromium at 1024×768 (the most common
// self-checkout screen). A bottle of vodka (18+) holds Pay — the wallet code too — until the attendant
// scans their badge at the lane and approves with their PIN; then the shopper pays.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { seriousViolations } from '../helpers/axe';
import { launchPage } from '../helpers/browser';
import { press, WALLET } from '../helpers/checkout';
import { runOpenlane } from '../helpers/cli';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { addAttendant, lastJournalData, sessionAt } from '../helpers/staff-lane';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'age-check');
const BADGE = 'STAFF-A01X';
const PIN = '2468';

describe('an 18+ item holds Pay until the attendant checks the ID at the lane', () => {
  let dir: string;
  let data: string;
  let pty: PtyPair;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const vodka = demoProducts().find((p) => p.name.startsWith('Vodka') && p.ageLimit === 18)!;
  const bread = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

  const shot = async (name: string) => {
    await page.waitForTimeout(300); // after the rise-in animation (220 ms), so the picture shows it settled
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };
  const scan = (code: string) => pty.write(`${code}\r\n`);
  const session = () => sessionAt(serve.url);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-age-'));
    data = join(dir, 'data');
    mkdirSync(data);
    await addAttendant(data, { id: 'A01', name: 'Li Na', badge: BADGE, pin: PIN });
    pty = await startPtyPair(dir);
    serve = await startServe({ dataDir: data, scanners: [pty.devicePath] });
    await waitForScanners(serve.url);
    ({ browser, page } = await launchPage());
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(serve.url);
    await page.getByTestId('welcome').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await pty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds Pay and the wallet code with a calm message, in both languages', async () => {
    expect(vodka).toBeDefined();
    scan(bread.barcode);
    scan(vodka.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count(), { timeout: 10_000 }).toBe(2);
    const card = page.getByTestId('age-check');
    await expect.poll(() => card.getAttribute('data-state')).toBe('needed');
    expect(await card.innerText()).toContain('An attendant will check your ID');
    expect(await card.innerText()).toContain('18+');
    const pay = page.getByTestId('pay-button');
    expect(await pay.isDisabled()).toBe(true);
    expect(await pay.innerText()).toBe('Waiting for ID check');
    await shot('age-01-held');
    expect(await seriousViolations(page)).toEqual([]);

    // The shopper's wallet code is held the same way; nothing is charged.
    scan(WALLET.pays);
    await expect
      .poll(() => page.getByTestId('scan-message').getAttribute('data-code'), { timeout: 10_000 })
      .toBe('age_check_needed');
    expect(await page.getByTestId('scan-message').innerText()).toContain(
      'An attendant needs to check your ID before you pay',
    );
    expect((await session()).payment).toBeNull();

    await page.getByTestId('language-zh').click();
    await expect.poll(() => card.innerText()).toContain('工作人员将核验您的身份证件');
    await shot('age-02-held-zh');
    await page.getByTestId('language-en').click();
  });

  it('the attendant scans their badge, types the PIN and approves; the shopper pays', async () => {
    scan(BADGE);
    const dialog = page.getByTestId('age-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.locator('h2').innerText()).toBe('Age check');
    expect(await dialog.innerText()).toContain('Attendant: Li Na');
    expect(await page.getByTestId('age-items').innerText()).toContain(vodka.name);
    expect(await page.getByTestId('age-approve').isChecked()).toBe(true);
    await page.getByTestId('age-birth-year').fill('1990');
    // A wrong PIN is said so and changes nothing.
    await page.getByTestId('age-pin-input').fill('1357');
    await page.getByTestId('age-pin-submit').click();
    await expect
      .poll(() => page.getByTestId('age-error').getAttribute('data-code'), { timeout: 10_000 })
      .toBe('staff_denied');
    expect((await session()).basket?.ageCheck).toEqual({ state: 'needed', ageLimit: 18 });
    await page.getByTestId('age-pin-input').fill('');
    for (const digit of PIN) await dialog.getByRole('button', { name: digit, exact: true }).click();
    await shot('age-03-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('age-pin-submit').click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('age-check').getAttribute('data-state')).toBe('approved');
    const pay = page.getByTestId('pay-button');
    expect(await pay.isDisabled()).toBe(false);
    await shot('age-04-approved');

    await pay.click();
    await expect.poll(() => page.getByTestId('payment').isVisible(), { timeout: 10_000 }).toBe(true);
    const { payment } = await session();
    expect((await press(payment!.qrPayload!, 'approve')).ok).toBe(true);
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);

    expect(lastJournalData(data, 'override')).toMatchObject({
      action: 'age_approved',
      attendantId: 'A01',
      via: 'lane',
      ageLimit: 18,
      birthYear: 1990,
    });
    expect((await runOpenlane(['journal', 'verify', '--data', data])).status).toBe(0);
  });

  it('the next shopper is refused: the vodka leaves the basket as a recorded void, and the rest pays', async () => {
    await page.getByTestId('done-button').click();
    await page.getByTestId('welcome').waitFor({ timeout: 10_000 });
    scan(bread.barcode);
    scan(vodka.barcode);
    await expect.poll(() => page.getByTestId('basket-line').count(), { timeout: 10_000 }).toBe(2);
    // A new basket: the last shopper's approval does not carry over.
    await expect.poll(() => page.getByTestId('age-check').getAttribute('data-state')).toBe('needed');
    scan(BADGE);
    const dialog = page.getByTestId('age-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    await page.getByTestId('age-refuse').check();
    await page.getByTestId('age-pin-input').fill(PIN);
    await page.getByTestId('age-pin-submit').click();
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(1);
    expect(await page.getByTestId('age-check').count()).toBe(0);
    expect(await page.getByTestId('payment-notice').innerText()).toContain(
      'The age-restricted items were removed from your basket',
    );
    expect(await page.getByTestId('pay-button').isDisabled()).toBe(false);
    await shot('age-05-refused');
    expect(lastJournalData(data, 'void')).toMatchObject({
      reason: 'age_refused',
      lines: [{ name: vodka.name, quantity: 1 }],
    });
    expect(lastJournalData(data, 'override')).toMatchObject({ action: 'age_refused', attendantId: 'A01' });
  });
});
