// The counter role, for real: `openlane serve --role counter` with a socat pseudo-terminal scanner, the
// built UI in Chromium with a fake camera playing a barcode photograph, the cashier's keyboard, and
// the payment simulator's pay page approving the on-screen QR.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { minorToDecimal } from '../../core/money';
import { startLane, type Lane } from '../helpers/browser';
import { fakeCameraArgs, makeCameraVideo } from '../helpers/fake-camera';
import { picturePath, pictureText } from '../helpers/fixtures';
import { decodeQrFromPng } from '../helpers/qr';
import type { PtyPair } from '../helpers/socat';
import { seedCounterStaff, signInAtCounter } from '../helpers/counter-staff';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'counter');
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

// This store's own small catalog, so every total is easy to check by hand (prices in fen).
const MILK = { barcode: withCheckDigit('690000000101'), name: 'Fresh Milk 1 L', price: 1290 };
const BREAD = { barcode: withCheckDigit('690000000102'), name: 'Toast Bread', price: 850 };
const OIL = { barcode: withCheckDigit('690000000103'), name: 'Olive Oil 1 L', price: 4500 };
const BOOK = { name: 'Photographed Book', price: 5900 };
const UNKNOWN = withCheckDigit('690000000199');

describe('the counter: keyboard-first selling, a serial scan, the camera, and paying by QR', () => {
  let dir: string;
  let lane: Lane;
  let pty: PtyPair;
  let browser: Browser;
  let page: Page;
  const bookBarcode = pictureText('ean13-3/01').trim();

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const names = () => page.getByTestId('line-name').allInnerTexts();
  const quantities = () => page.getByTestId('line-qty').allInnerTexts();
  const selectedName = () => page.locator('[data-selected="true"] [data-testid="line-name"]').innerText();
  const entryHasFocus = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'code-entry');
  /** What a cashier does: type into the entry (which has the focus) and press Enter. */
  const enter = async (text: string) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-counter-'));
    const data = join(dir, 'data');
    const rows = [MILK, BREAD, OIL].map((p) => `${p.barcode},${p.name},${minorToDecimal(p.price, 2)},13`);
    writeFileSync(
      join(dir, 'catalog.csv'),
      ['barcode,name,price,tax_rate', ...rows, `${bookBarcode},${BOOK.name},59.00,9`, ''].join('\n'),
    );
    execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
    seedCounterStaff(data);
    lane = await startLane({
      dir,
      dataDir: data,
      serveArgs: ['--role', 'counter'],
      chromiumArgs: fakeCameraArgs(makeCameraVideo(picturePath('ean13-3/01'), join(dir, 'camera.y4m'))),
    });
    ({ pty, browser, page } = lane);
  });

  afterAll(async () => {
    await lane?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the cashier’s screen, not the kiosk, with the code entry focused', async () => {
    await page.goto(lane.serve.url);
    // The counter opens to sign-in (test/e2e/counter-staff.test.ts tries it fully): the cashier signs in.
    await signInAtCounter(page);
    await expect.poll(() => page.getByTestId('counter').isVisible()).toBe(true);
    expect(await page.getByTestId('welcome').count()).toBe(0);
    expect(await page.getByTestId('counter-till').innerText()).toMatch(/Counter · Till K01/);
    await expect.poll(entryHasFocus).toBe(true);
    expect(await page.getByTestId('key-legend').innerText()).toMatch(/F12[\s\S]*Pay/);
    await shot('01-ready');
  });

  it('sells from the keyboard: a code and Enter, a quantity prefix, the same code again', async () => {
    await enter(MILK.barcode);
    await expect.poll(names).toEqual([MILK.name]);
    await enter(`3*${BREAD.barcode}`);
    await expect.poll(names).toEqual([MILK.name, BREAD.name]);
    await expect.poll(quantities).toEqual(['1', '3']);
    await enter(MILK.barcode);
    await expect.poll(quantities).toEqual(['2', '3']);
    // The line the last code raised is the selected one; the entry is empty and ready again.
    expect(await selectedName()).toBe(MILK.name);
    expect(await page.getByTestId('code-entry').inputValue()).toBe('');
    await expect
      .poll(() => page.getByTestId('basket-total').innerText())
      .toContain(minorToDecimal(2 * MILK.price + 3 * BREAD.price, 2));
    expect(await page.getByTestId('item-count').innerText()).toBe('5 items');
  });

  it('selects a line with the arrows, steps its quantity with + and −, and removes it with Delete', async () => {
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedName).toBe(BREAD.name);
    await page.keyboard.press('+');
    await expect.poll(quantities).toEqual(['2', '4']);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(quantities).toEqual(['2', '2']);
    // + and − were commands, not text.
    expect(await page.getByTestId('code-entry').inputValue()).toBe('');
    await shot('02-selected-line');
    await page.keyboard.press('Delete');
    await expect.poll(names).toEqual([MILK.name]);
    // The selection moves to the line that is left, so the next key acts on something visible.
    await expect.poll(selectedName).toBe(MILK.name);
    await page.keyboard.press('ArrowUp');
    expect(await selectedName()).toBe(MILK.name);
    await expect
      .poll(() => page.getByTestId('basket-total').innerText())
      .toContain(minorToDecimal(2 * MILK.price, 2));
  });

  it('says calmly that an unknown code is not found, and explains a star with no code', async () => {
    await enter(UNKNOWN);
    // In the cashier's words, not the shopper's.
    await expect
      .poll(() => page.getByTestId('scan-message').innerText())
      .toMatch(/^Not in the catalog — check the code, or ask for a price check/);
    expect(await names()).toEqual([MILK.name]);
    await shot('03-unknown-code');
    await enter('3*');
    await expect.poll(() => page.getByTestId('entry-hint').innerText()).toMatch(/quantity.*star.*code/i);
    // What was typed stays, to be finished; Escape clears it.
    expect(await page.getByTestId('code-entry').inputValue()).toBe('3*');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('code-entry').inputValue()).toBe('');
    expect(await page.getByTestId('entry-hint').count()).toBe(0);
  });

  it('shows a serial scanner’s GS1 scan with its lot and serial, as the kiosk does', async () => {
    const gtin = OIL.barcode.padStart(14, '0');
    pty.write(`]d201${gtin}\u001d10L2411A\u001d21SN-0001\r\n`);
    await expect.poll(names).toEqual([MILK.name, OIL.name]);
    const pack = page.locator('[data-selected="true"] [data-testid="line-pack"]');
    await expect.poll(() => pack.innerText()).toMatch(/Lot L2411A[\s\S]*Serial SN-0001/);
    expect(await selectedName()).toBe(OIL.name);
    // One unique piece has no count to step: + says so instead.
    await page.keyboard.press('+');
    await expect.poll(() => page.getByTestId('entry-hint').innerText()).toMatch(/can.t be changed/);
    expect(await quantities()).toEqual(['2', '1']);
    await expect.poll(entryHasFocus).toBe(true);
    await shot('04-serial-scan');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('04-serial-scan-1920');
    await page.getByTestId('language-zh').click();
    await expect.poll(() => page.getByTestId('counter').innerText()).toMatch(/当前交易/);
    await shot('04-serial-scan-1920-zh');
    await page.getByTestId('language-en').click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('takes a keyboard-wedge scanner typing into the entry like any other scan', async () => {
    await expect.poll(entryHasFocus).toBe(true);
    await typeLikeScanner(page, BREAD.barcode);
    await expect.poll(names).toEqual([MILK.name, OIL.name, BREAD.name]);
    expect(await selectedName()).toBe(BREAD.name);
    expect(await page.getByTestId('code-entry').inputValue()).toBe('');
    await page.keyboard.press('Delete');
    await expect.poll(names).toEqual([MILK.name, OIL.name]);
  });

  it('opens the camera with F2: the photographed barcode lands in the basket and the view closes', async () => {
    await expect.poll(entryHasFocus).toBe(true);
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('camera-view').isVisible()).toBe(true);
    await shot('05-camera');
    await expect.poll(names, { timeout: 15_000 }).toEqual([MILK.name, OIL.name, BOOK.name]);
    await expect.poll(() => page.getByTestId('camera-view').count()).toBe(0);
    expect(await selectedName()).toBe(BOOK.name);
    // Back at the till, the keyboard goes to the entry again.
    await expect.poll(entryHasFocus).toBe(true);
  });

  it('pays with F12: the QR opens the simulator’s pay page, Approve, the receipt; Enter is the next customer', async () => {
    const total = 2 * MILK.price + OIL.price + BOOK.price;
    // F12 opens the tender screen; F8 shows the QR for what is due.
    await page.keyboard.press('F12');
    await expect.poll(() => page.getByTestId('tender-due').innerText()).toContain(minorToDecimal(total, 2));
    await page.keyboard.press('F8');
    const qr = page.getByTestId('tender-qr-code');
    await expect.poll(() => qr.isVisible()).toBe(true);
    expect(await page.getByTestId('tender-qr').innerText()).toContain(minorToDecimal(total, 2));
    await shot('06-payment');

    // Read the QR from pixels with an independent decoder, the way the customer's phone would.
    const payUrl = decodeQrFromPng(await qr.screenshot());
    expect(payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(payUrl!);
    await phone.getByRole('button', { name: /approve/i }).click();
    await phone.waitForLoadState();
    await phone.close();

    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-number').innerText()).toMatch(/^S001-K01-\d{6}$/);
    expect(await page.getByTestId('paid-amount').innerText()).toContain(minorToDecimal(total, 2));
    expect(await page.getByTestId('receipt-total').innerText()).toContain(minorToDecimal(total, 2));
    const eReceipt = decodeQrFromPng(await page.getByTestId('ereceipt-qr').screenshot());
    expect(eReceipt).toContain(await page.getByTestId('receipt-number').innerText());
    await shot('07-paid');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('07-paid-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('basket-line').count()).toBe(0);
    await expect.poll(entryHasFocus).toBe(true);
  });

  it('pays for an item typed just before F12, and cancels the payment with Escape', async () => {
    // The cashier does not wait for the line to show: F12 right after Enter charges that item too.
    await enter(BREAD.barcode);
    await page.keyboard.press('F12');
    // The tender screen shows what is due, the item typed just before included; F8 its QR.
    await expect
      .poll(() => page.getByTestId('tender-due').innerText())
      .toContain(minorToDecimal(BREAD.price, 2));
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('tender-qr').isVisible()).toBe(true);
    expect(await page.getByTestId('tender-qr').innerText()).toContain(minorToDecimal(BREAD.price, 2));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('counter').isVisible()).toBe(true);
    expect(await names()).toEqual([BREAD.name]);
    await expect.poll(entryHasFocus).toBe(true);
  });

  it('is paid by the customer’s own wallet code, scanned while the QR is on screen', async () => {
    await page.keyboard.press('F12');
    await page.getByTestId('tender-due').waitFor();
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('tender-qr').isVisible()).toBe(true);
    // A WeChat Pay payment code the simulator pays at once (its last digit is 0).
    pty.write('134512345678901230\r\n');
    await expect.poll(() => page.getByTestId('paid').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => page.getByTestId('receipt-total').innerText())
      .toContain(minorToDecimal(BREAD.price, 2));
    // The whole code is a bearer secret: the screen never shows it.
    expect(await page.locator('body').innerText()).not.toContain('134512345678901230');
    await page.getByTestId('next-customer').click();
    await expect.poll(() => page.getByTestId('counter-empty').isVisible()).toBe(true);
  });
});
