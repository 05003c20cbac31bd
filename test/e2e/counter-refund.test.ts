// Returns at the counter (issue 12), end to end in Chromium by keyboard only, against a real terminal
// (real SQLite, the built-in payment simulator as a real HTTP service, the receipt printer and its
// drawer on a socat pseudo-terminal): the cashier signs in and opens the shift, sells three lines for
// cash and one line paid by the customer's wallet code, then F1 Returns: the first receipt's QR — read
// off the paper the printer got — typed in as a wedge scanner types it, one of the three lines back to
// cash (the drawer opens, the slip prints naming REFUND and the original receipt), then the wallet sale
// found by a search on its total, its line back to the wallet (refunded at the simulator, exactly
// once), a return without a receipt that a supervisor approves by badge and PIN (cash), and the
// refunds in the X report. axe checks every Returns step. The simulator puts the terminal in training
// mode; a shift opened in training counts its training sales and refunds. The cash sale's third line is
// weighed (1.250 kg typed in grams): 500 g of it comes back later, written off as damaged.
// Screens are saved at 1280×800 and 1024×768 in test-artifacts/counter-refund/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Terminal } from '../../services/terminal';
import type { WebHost } from '../../services/web/host';
import { axeProblems } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { focused, importCatalog, scanAll, shootBoth, startPrinterCounter } from '../helpers/counter-day';
import { signInAtCounter } from '../helpers/counter-staff';
import { CASHIER, STAFF_PINS, SUPERVISOR } from '../helpers/staff';
import { drawerPrinter, type DrawerPrinter } from '../helpers/drawer-printer';
import { gb18030Text, indexOfBytes, storedQrCodes } from '../helpers/escpos';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { typeLikeScanner } from '../helpers/wedge';

const PULSE = [0x1b, 0x70, 0x00, 25, 250];
const OUT = fileURLToPath(new URL('../../test-artifacts/counter-refund/', import.meta.url));
const TEA = { barcode: withCheckDigit('690000000401'), name: 'Green Tea 500 g', price: '12.30' };
const BREAD = { barcode: withCheckDigit('690000000402'), name: 'Toast Bread', price: '8.50' };
const MILK = { barcode: withCheckDigit('690000000403'), name: 'Fresh Milk 1 L', price: '6.80' };
/** Weighed: 5.60 a kilogram, 1.250 kg sold (7.00). */
const BANANAS = { barcode: withCheckDigit('690000000405'), name: 'Bananas', price: '5.60' };
const SOAP = { barcode: withCheckDigit('690000000404'), name: 'Olive Soap', price: '15.90' };
const WAIT = { timeout: 10_000 };

let dir: string;
let data: string;
let pty: PtyPair;
let paper: DrawerPrinter;
let terminal: Terminal;
let host: WebHost;
let browser: Browser;
let page: Page;
/** The cash sale's receipt: its number and the e-receipt link its QR holds. */
let cashSale: { receiptNumber: string; link: string };
let walletReceipt: string;
const problems: string[] = [];

const text = (id: string) => page.getByTestId(id).innerText();
const shoot = (name: string) => shootBoth(page, OUT, name);
const axe = async (context: string) => problems.push(...(await axeProblems(page, context)));
/** Every refund the simulator made, across its payments (its state file, as it keeps them). */
const simulatorRefunds = (): { reference: string; amount: number; status: string }[] => {
  const payments = JSON.parse(readFileSync(join(data, 'payment-simulator.json'), 'utf8')) as {
    refunds?: { reference: string; amount: number; status: string }[];
  }[];
  return payments.flatMap((p) => p.refunds ?? []);
};
/** Badge, Enter, PIN, Enter into the approval dialog that has the keyboard. */
const approveAs = async (who: { badge: string; role: keyof typeof STAFF_PINS }) => {
  await expect.poll(() => focused(page), WAIT).toBe('badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await page.keyboard.type(STAFF_PINS[who.role]);
  await page.keyboard.press('Enter');
};
/** The refund on screen has every tender settled. */
const refundDone = () =>
  expect.poll(() => page.getByTestId('refund-progress').getAttribute('data-state'), WAIT).toBe('done');
/** The receipt number an e-receipt link names: its last path segment (`…/r/S01-C01-000001?join=1`). */
const receiptOf = (link: string): string => decodeURIComponent(new URL(link).pathname.split('/').pop()!);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-counter-refund-'));
  mkdirSync(OUT, { recursive: true });
  pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  paper = drawerPrinter(pty);
  data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  const rows = [TEA, BREAD, MILK, SOAP].map((p) => `${p.barcode},${p.name},${p.price},13,each`);
  rows.push(`${BANANAS.barcode},${BANANAS.name},${BANANAS.price},13,kg`);
  importCatalog(dir, data, 'barcode,name,price,tax_rate,unit', rows);
  // No payment settings: the built-in simulator, a real HTTP service beside the terminal.
  // A cashier refunds up to ¥10.00 alone; above that a supervisor approves (the wallet line, 15.90).
  ({ terminal, host } = await startPrinterCounter(data, pty.devicePath, {
    counter: { limits: { cashier: { discountPercent: 10, cashDifference: 50, refund: 1000 } } },
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
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('returns at the counter, by keyboard only', () => {
  it('signs in, opens the shift, sells three lines (one weighed) for cash and one by wallet code', async () => {
    await signInAtCounter(page);
    await expect.poll(() => focused(page), WAIT).toBe('code-entry');

    await scanAll(page, [TEA.barcode, BREAD.barcode, BANANAS.barcode]);
    // No scale here: the bananas' weight is typed in grams.
    await page.getByTestId('counter-weigh').waitFor(WAIT);
    await page.keyboard.type('1250');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('basket-total'), WAIT).toMatch(/27\.80/);
    // A sale in progress: F1 says to finish or suspend it first, and opens nothing.
    await page.keyboard.press('F1');
    await expect
      .poll(() => page.getByTestId('entry-hint').getAttribute('data-hint'), WAIT)
      .toBe('finishSale');
    expect(await page.getByTestId('refund-dialog').count()).toBe(0);

    await page.keyboard.press('F12');
    await expect.poll(() => text('tender-due'), WAIT).toMatch(/27\.80/);
    await expect.poll(() => focused(page), WAIT).toBe('tender-entry');
    await page.keyboard.press('Enter'); // the exact amount in cash
    await page.getByTestId('paid').waitFor(WAIT);
    await expect.poll(() => paper.pulses(), WAIT).toEqual([PULSE]);
    // The receipt's QR as the printer stored it: the e-receipt link naming this receipt.
    await expect.poll(() => storedQrCodes(paper.received()).length, WAIT).toBe(1);
    const link = storedQrCodes(paper.received())[0]!;
    cashSale = { receiptNumber: receiptOf(link), link };
    expect(cashSale.receiptNumber).toMatch(/^[A-Za-z0-9_]+-C01-\d{6}$/);
    expect(gb18030Text(paper.received())).toContain(cashSale.receiptNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-empty').waitFor(WAIT);

    await scanAll(page, [SOAP.barcode]);
    await expect.poll(() => text('basket-total'), WAIT).toMatch(/15\.90/);
    await page.keyboard.press('F12');
    await expect.poll(() => focused(page), WAIT).toBe('tender-entry');
    await typeLikeScanner(page, WALLET.pays);
    await page.getByTestId('paid').waitFor(WAIT);
    await expect.poll(() => storedQrCodes(paper.received()).length, WAIT).toBe(2);
    walletReceipt = receiptOf(storedQrCodes(paper.received())[1]!);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-empty').waitFor(WAIT);
    expect(paper.pulses()).toHaveLength(1);
  });

  it('F1 opens Returns with the keyboard in it; Esc backs out having refunded nothing', async () => {
    await page.keyboard.press('F1');
    await page.getByTestId('refund-dialog').waitFor(WAIT);
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await shoot('find');
    await axe('find');
    // F9 (the shift menu) does not reach past the dialog.
    await page.keyboard.press('F9');
    expect(await page.getByTestId('shift-menu').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
    await expect.poll(() => focused(page), WAIT).toBe('code-entry');
    expect(simulatorRefunds()).toEqual([]);
  });

  it('the receipt’s QR scanned in: one of its three lines back to cash, the drawer opens, the slip prints', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await typeLikeScanner(page, cashSale.link);
    await page.getByTestId('refund-sale').waitFor(WAIT);
    expect(await text('refund-receipt')).toContain(cashSale.receiptNumber);
    const lines = page.getByTestId('refund-line');
    await expect.poll(() => lines.count(), WAIT).toBe(3);
    expect(await lines.nth(1).innerText()).toContain(BREAD.name);
    await shoot('sale');
    await axe('sale');

    // ↓ to the bread, Enter: all of it (one piece); the quote follows, to cash.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('refund-quote-total'), WAIT).toMatch(/8\.50/);
    expect(await page.getByTestId('refund-quote-tenders').innerText()).toMatch(/Cash\D*8\.50/);
    expect(await lines.nth(1).getByTestId('refund-line-qty').innerText()).toBe('1');
    expect(await lines.nth(0).getByTestId('refund-line-qty').innerText()).toBe('—');
    await shoot('sale-chosen');

    // F12 asks; Esc takes the question back, nothing refunded; F12 and Enter refund.
    await page.keyboard.press('F12');
    await page.getByTestId('refund-confirm').waitFor(WAIT);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('refund-confirm').count(), WAIT).toBe(0);
    await page.keyboard.press('F12');
    await expect.poll(() => text('refund-confirm'), WAIT).toMatch(/8\.50/);
    await shoot('confirm');
    const before = paper.received().length;
    await page.keyboard.press('Enter');

    await page.getByTestId('refund-progress').waitFor(WAIT);
    await refundDone();
    await expect.poll(() => text('refund-give-cash'), WAIT).toMatch(/Give the customer\D*8\.50/);
    await expect
      .poll(() => page.getByTestId('refund-printed').getAttribute('data-printed'), WAIT)
      .toBe('true');
    const refundNumber = (await text('refund-number')).replace(/^Refund /, '');
    await shoot('done-cash');
    await axe('done cash');

    // On the paper after the sale: one drawer pulse, and the slip: REFUND, its number, the original receipt.
    await expect.poll(() => paper.pulses(), WAIT).toEqual([PULSE, PULSE]);
    expect(indexOfBytes(paper.received(), PULSE, before)).toBeGreaterThanOrEqual(before);
    await expect
      .poll(() => gb18030Text(paper.received().subarray(before)), WAIT)
      .toContain(cashSale.receiptNumber);
    const slip = gb18030Text(paper.received().subarray(before));
    expect(slip).toMatch(/REFUND/);
    expect(slip).toContain(refundNumber);
    expect(slip).toMatch(/8\.50/);
    expect(simulatorRefunds()).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
    await expect.poll(() => focused(page), WAIT).toBe('code-entry');
  });

  it('the same receipt again: the bread shows as returned; 500 g of the 1.250 kg of bananas back to cash', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await page.keyboard.type(cashSale.receiptNumber);
    await page.keyboard.press('Enter');
    const lines = page.getByTestId('refund-line');
    await expect.poll(() => lines.count(), WAIT).toBe(3);
    await expect.poll(() => lines.nth(1).innerText(), WAIT).toMatch(/refunded in full/i);
    // The bread again: nothing left of it to return, and the quantity is refused as more than that.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('refund-error'), WAIT).toBe('Already refunded in full.');
    await page.keyboard.press('Escape'); // clears what was typed
    // ↓ to the bananas: 500 g of 1.250 kg gives back floor(7.00 × 500 / 1250) = 2.80.
    await page.keyboard.press('ArrowDown');
    expect(await lines.nth(2).innerText()).toMatch(/Bananas\s+1\.250 kg\s+—\s+1\.250 kg/);
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await expect.poll(() => lines.nth(2).getByTestId('refund-line-qty').innerText(), WAIT).toBe('0.500 kg');
    await expect.poll(() => text('refund-quote-total'), WAIT).toMatch(/2\.80/);
    // → the reason to "damaged": written off by default.
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => lines.nth(2).getByTestId('refund-line-stock').getAttribute('data-disposition'), WAIT)
      .toBe('write_off');
    await shoot('sale-weighed');
    await page.keyboard.press('F12');
    await expect.poll(() => text('refund-confirm'), WAIT).toMatch(/2\.80/);
    await page.keyboard.press('Enter');
    await refundDone();
    await expect.poll(() => text('refund-give-cash'), WAIT).toMatch(/Give the customer\D*2\.80/);
    expect(await text('refund-progress-lines')).toMatch(/Bananas × 0\.500 kg · Damaged/);
    await expect.poll(() => paper.pulses(), WAIT).toHaveLength(3);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
  });

  it('the wallet sale found by a search on its total: over the cashier’s limit a supervisor approves, its line back to the wallet, refunded at the simulator once', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    // F3: today is in the day field; Tab to the total, 15.90, Enter lists the sale, Enter opens it.
    await page.keyboard.press('F3');
    await expect.poll(() => focused(page), WAIT).toBe('refund-search-date');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15.90');
    await page.keyboard.press('Enter');
    const found = page.getByTestId('refund-result');
    await expect.poll(() => found.count(), WAIT).toBe(1);
    expect(await found.innerText()).toContain(walletReceipt);
    expect(await found.innerText()).toContain('1345****1230');
    await shoot('search');
    await axe('search');
    await page.keyboard.press('Enter');
    await page.getByTestId('refund-sale').waitFor(WAIT);
    expect(await text('refund-receipt')).toContain(walletReceipt);
    await expect.poll(() => page.getByTestId('refund-line').count(), WAIT).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => text('refund-quote-total'), WAIT).toMatch(/15\.90/);
    expect(await page.getByTestId('refund-quote-tenders').innerText()).toMatch(
      /^Wallet code 1345\*{4}1230\s+¥15\.90$/,
    );
    // Over the cashier's ¥10.00: the quote says a supervisor approves, and why.
    expect(await page.getByTestId('refund-approval-needed').getAttribute('data-reason')).toBe('over_limit');
    expect(await text('refund-approval-needed')).toBe(
      'Above your refund limit: a supervisor approves this refund.',
    );
    await page.keyboard.press('F12');
    await page.getByTestId('refund-confirm').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), WAIT).toBe('badge-input');
    expect(await text('approval-detail')).toMatch(/Above your refund limit.*Refund ¥15\.90/);
    // The cashier's own badge does not approve their refund: refused, in the dialog, nothing refunded.
    await approveAs(CASHIER);
    await page.getByTestId('staff-refusal').waitFor(WAIT);
    expect(await text('staff-refusal')).toBe(
      'This badge may not approve refunds: a supervisor or manager must.',
    );
    expect(simulatorRefunds()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('approval-dialog').count(), WAIT).toBe(0);
    await expect.poll(() => focused(page), WAIT).toBe('refund-qty');
    // Again, with the supervisor's badge and PIN.
    await page.keyboard.press('F12');
    await page.getByTestId('refund-confirm').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await approveAs(SUPERVISOR);

    await page.getByTestId('refund-progress').waitFor(WAIT);
    await refundDone();
    expect(await page.getByTestId('refund-progress').innerText()).toContain(`Approved by ${SUPERVISOR.id}`);
    const tender = page.getByTestId('refund-tender');
    expect(await tender.count()).toBe(1);
    expect(await tender.getAttribute('data-kind')).toBe('wallet_code');
    expect(await tender.getAttribute('data-status')).toBe('paid');
    expect(await page.getByTestId('refund-give-cash').count()).toBe(0);
    await shoot('done-wallet');
    await axe('done wallet');
    // Exactly one refund at the simulator, of the whole 15.90; no drawer pulse for it.
    const refunds = simulatorRefunds();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 1590, status: 'paid' });
    expect(paper.pulses()).toHaveLength(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
  });

  it('a return without a receipt: the item scanned, a supervisor approves, cash back', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await page.keyboard.press('F6');
    await expect.poll(() => focused(page), WAIT).toBe('refund-no-receipt-code');
    await scanAll(page, [MILK.barcode]);
    await expect.poll(() => page.getByTestId('refund-line').innerText(), WAIT).toContain(MILK.name);
    await expect.poll(() => text('refund-no-receipt-total'), WAIT).toMatch(/6\.80/);
    // F12 asks a supervisor; Esc there backs out with nothing refunded.
    await page.keyboard.press('F12');
    await expect.poll(() => focused(page), WAIT).toBe('badge-input');
    expect(await text('approval-detail')).toMatch(
      /No receipt: a supervisor approves this return, paid in cash\. Refund ¥6\.80/,
    );
    await shoot('no-receipt-approval');
    await axe('no receipt approval');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page), WAIT).toBe('refund-no-receipt-code');
    expect(paper.pulses()).toHaveLength(3);

    await page.keyboard.press('F12');
    await approveAs(SUPERVISOR);
    await page.getByTestId('refund-progress').waitFor(WAIT);
    await refundDone();
    await expect.poll(() => text('refund-give-cash'), WAIT).toMatch(/Give the customer\D*6\.80/);
    expect(await page.getByTestId('refund-progress').innerText()).toContain(`Approved by ${SUPERVISOR.id}`);
    await expect.poll(() => paper.pulses(), WAIT).toHaveLength(4);
    await shoot('done-no-receipt');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
    expect(simulatorRefunds()).toHaveLength(1);
  });

  it('F9 → 4: the X report shows the refunds: cash and wallet', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('shift-menu').waitFor(WAIT);
    await page.keyboard.press('4');
    const x = page.getByTestId('x-report');
    await x.waitFor(WAIT);
    const report = (await x.textContent()) ?? '';
    expect(report).toMatch(/Sales \(2\)\D*43\.70/);
    // Float ¥100 + cash sale 27.80 − cash refunds 8.50, 2.80 (bananas) and 6.80 (no receipt).
    expect(report).toMatch(/Cash refunds \(3\)\D*18\.10/);
    expect(report).toMatch(/Refunds to wallet \(1\)\D*15\.90/);
    expect(report).toMatch(/Refunds to QR \(0\)\D*0\.00/);
    expect(report).toMatch(/Expected cash\D*109\.70/);
    await shoot('x-report');
    await page.keyboard.press('Escape'); // back to the shift menu
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shift-menu').count(), WAIT).toBe(0);
  });

  it('in 简体中文: the wallet sale again, its line refunded in full, and a refusal in the cashier’s words', async () => {
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => focused(page), WAIT).toBe('code-entry');
    await page.keyboard.press('F1');
    await expect.poll(() => focused(page), WAIT).toBe('refund-find-input');
    await page.keyboard.type('S001-C01-999999');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => text('refund-error'), WAIT)
      .toBe('找不到该小票的销售：请核对号码，或搜索（F3）。');
    await page.keyboard.press('Escape'); // clears the number
    await page.keyboard.type(walletReceipt);
    await page.keyboard.press('Enter');
    await page.getByTestId('refund-sale').waitFor(WAIT);
    expect(await page.getByTestId('refund-lines').innerText()).toMatch(/商品[\s\S]*可退[\s\S]*已全部退款/);
    expect(await text('refund-sale-tenders')).toMatch(/钱包付款码 1345\*{4}1230[\s\S]*已退 ¥15\.90/);
    await shoot('sale-zh');
    await axe('sale zh');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('refund-dialog').count(), WAIT).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('has no serious or critical accessibility problem on any Returns screen', () => {
    expect(problems).toEqual([]);
  });
});
