// The codes on a pack beyond a plain barcode, for real: GS1 DataMatrix element strings (lot, serial,
// expiry) and a loyalty card read by a socat pseudo-terminal scanner into `openlane serve`, and what
// the kiosk in Chromium shows for each — the pack details, a refused duplicate or expired piece, the
// member badge, a staff badge — in English and Chinese; then a store that sells expired pieces with a
// warning.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { openKiosk } from '../helpers/browser';
import { startServe, waitForScanners, type ServeProcess } from '../helpers/serve';
import { startPtyPair, type PtyPair } from '../helpers/socat';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'lane');
const GS = '\u001d';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local calendar date `days` from today: GS1's YYMMDD and the kiosk's English rendering of it. */
function dayFromToday(days: number) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    yymmdd: `${pad(d.getFullYear() % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`,
    english: `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`,
    iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
  };
}

/**
 * A GS1 DataMatrix as a scanner sends it: AIM id ]d2, then GTIN, expiry, lot and serial, with a GS
 * after each field (the one after the fixed-length date is optional, and scanners often send it).
 */
const dataMatrix = (gtin: string, expiry: string, lot: string, serial?: string) =>
  `]d2` + `01${gtin}` + `17${expiry}${GS}` + `10${lot}` + (serial ? `${GS}21${serial}` : '');

describe('GS1 pack codes and member cards at the kiosk', () => {
  let dir: string;
  let pty: PtyPair;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const [item, other, plain] = demoProducts().filter((p) => p.unit === 'each' && p.ageLimit === null);
  const future = dayFromToday(400);
  const past = dayFromToday(-30);
  const serialised = dataMatrix(item!.gtin, future.yymmdd, 'LOT42', 'SER-1');

  const lines = () => page.getByTestId('basket-line');
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const scan = (code: string) => pty.write(`${code}\r\n`);
  const settle = () => page.waitForTimeout(500); // let the highlight and banners finish moving

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-codes-'));
    pty = await startPtyPair(dir);
    // Default settings: expired items are blocked.
    serve = await startServe({ dataDir: join(dir, 'data'), scanners: [pty.devicePath] });
    await waitForScanners(serve.url);
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await pty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds a serialised GS1 DataMatrix item with its lot, serial and date; its quantity is fixed', async () => {
    scan(serialised);
    await expect.poll(() => lines().count()).toBe(1);
    const pack = lines().first().getByTestId('line-pack');
    await expect.poll(() => pack.innerText()).toContain('Lot LOT42');
    const text = await pack.innerText();
    expect(text).toContain('Serial SER-1');
    expect(text).toContain(`Use by ${future.english}`);
    expect(await lines().first().getByTestId('line-name').innerText()).toBe(item!.name);
    // One unique piece: no − and + to step its quantity.
    expect(await lines().first().getByTestId('line-plus').count()).toBe(0);
    expect(await lines().first().getByTestId('line-minus').count()).toBe(0);
    expect(await lines().first().getByTestId('line-qty').innerText()).toBe('1');
    await settle();
    await shot('codes-01-serialised-item');
  });

  it('refuses the same piece scanned again, calmly, and keeps one line', async () => {
    scan(serialised);
    const message = page.getByTestId('scan-message');
    await expect.poll(() => message.getAttribute('data-code')).toBe('duplicate_serial');
    expect(await message.innerText()).toMatch(/already been scanned/i);
    expect(await lines().count()).toBe(1);
    await settle();
    await shot('codes-02-duplicate-serial');
  });

  it('refuses a piece past its expiry date and adds nothing', async () => {
    scan(dataMatrix(item!.gtin, past.yymmdd, 'LOT42', 'SER-2'));
    const message = page.getByTestId('scan-message');
    await expect.poll(() => message.getAttribute('data-code')).toBe('item_expired');
    expect(await message.innerText()).toMatch(/past its expiry date/i);
    expect(await lines().count()).toBe(1);
    await settle();
    await shot('codes-03-expired-refused');
  });

  it('takes a member card: a badge with the middle of the id hidden, and a calm note', async () => {
    scan('MEM20260001');
    const badge = page.getByTestId('member-badge');
    await expect.poll(() => badge.isVisible()).toBe(true);
    expect(await badge.innerText()).toMatch(/Member\s*20\*\*\*\*01/);
    expect(await badge.innerText()).not.toContain('20260001');
    await expect
      .poll(() => page.getByTestId('scan-notice').getAttribute('data-code'))
      .toBe('member_attached');
    // The note replaces the earlier refusal: the newest scan speaks.
    expect(await page.getByTestId('scan-message').count()).toBe(0);
    expect(await lines().count()).toBe(1);
    await settle();
    await shot('codes-04-member');
  });

  it('shows lot and date lines beside plain ones, in Chinese too', async () => {
    scan(dataMatrix(other!.gtin, future.yymmdd, 'B2207'));
    scan(plain!.barcode);
    await expect.poll(() => lines().count()).toBe(3);
    // A lot without a serial is an ordinary piece: its quantity can still be stepped.
    const lotLine = lines().nth(1);
    await expect.poll(() => lotLine.getByTestId('line-pack').innerText()).toContain('Lot B2207');
    expect(await lotLine.getByTestId('line-plus').count()).toBe(1);
    expect(await lines().nth(2).getByTestId('line-pack').count()).toBe(0);
    await settle();
    await shot('codes-05-mixed-basket');

    await page.getByTestId('language-zh').click();
    const pack = lines().first().getByTestId('line-pack');
    await expect.poll(() => pack.innerText()).toContain('批号 LOT42');
    expect(await pack.innerText()).toContain('序列号 SER-1');
    expect(await pack.innerText()).toContain(`有效期至 ${future.iso}`);
    expect(await page.getByTestId('member-badge').innerText()).toMatch(/会员\s*20\*\*\*\*01/);
    scan(serialised);
    await expect.poll(() => page.getByTestId('scan-message').innerText()).toContain('已经扫描过');
    await settle();
    await shot('codes-06-basket-zh');
  });

  it('reads a staff badge as a quiet note, not an error', async () => {
    await page.getByTestId('language-en').click();
    scan('STAFF-0042');
    await expect.poll(() => page.getByTestId('scan-notice').getAttribute('data-code')).toBe('staff_badge');
    expect(await page.getByTestId('scan-notice').innerText()).toMatch(/staff badge read/i);
    expect(await page.getByTestId('scan-message').count()).toBe(0);
    expect(await lines().count()).toBe(3);
    await settle();
    await shot('codes-07-staff-badge');
  });

  it('in a store that warns instead, adds an expired piece with an amber note and date', async () => {
    const settingsFile = join(dir, 'data', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsFile, JSON.stringify({ ...settings, expiredItems: 'warn' }, null, 2));
    await serve.stop();
    serve = await startServe({ dataDir: join(dir, 'data'), scanners: [pty.devicePath] });
    await waitForScanners(serve.url);
    await page.goto(serve.url);
    await expect.poll(() => lines().count()).toBe(3);

    scan(dataMatrix(item!.gtin, past.yymmdd, 'LOT41', 'SER-2'));
    await expect.poll(() => lines().count()).toBe(4);
    const notice = page.getByTestId('scan-notice');
    await expect.poll(() => notice.getAttribute('data-code')).toBe('item_expired_warning');
    expect(await notice.innerText()).toMatch(/past its expiry date/i);
    const pack = lines().nth(3).getByTestId('line-pack');
    expect(await pack.innerText()).toContain(`Use by ${past.english}`);
    expect(await pack.locator('[data-past="true"]').count()).toBe(1);
    await settle();
    await shot('codes-08-expired-warning');

    // The note is about that piece: scanning the next item moves it on.
    scan(plain!.barcode);
    await expect.poll(() => notice.count()).toBe(0);
  });
});
