// A recall reaching a kiosk's basket, for real: HQ (PGlite), an enrolled `openlane serve` kiosk in
// training mode and an attendant console, each its own process, in Chromium. Milk and bread sit in the
// basket when HQ recalls all milk and some lots of bread: within seconds (HQ's stream) both lines are
// marked, Pay waits and payment is refused until they are removed. Bread scanned again by its plain EAN
// is held for a lot check: the kiosk calls the attendant itself, the console shows "check the lot of
// Toast Bread", and the attendant's answer (another lot) puts the pack in the kiosk's basket.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { ATTENDANT, ATTENDANT_PIN } from '../helpers/attendant';
import { seriousViolations } from '../helpers/axe';
import { PRODUCTS } from '../helpers/checkout';
import { linkPort, writeLaneSettings } from '../helpers/lanes';
import { OFFICE_ADMIN_TOKEN, startOffice, type Office } from '../helpers/office';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'recalls');
const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,department',
  `${milk.barcode},${milk.name},12.90,9,each,Dairy`,
  `${bread.barcode},${bread.name},8.50,13,each,Bakery`,
].join('\n');
const WAIT = { timeout: 15_000 };

describe('a recall reaching the basket, and the kiosk’s lot check', () => {
  let office: Office;
  let dir: string;
  let consoleServe: ServeProcess;
  let kioskServe: ServeProcess;
  let kiosk: Page;
  let console_: Page;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });
  const recall = async (body: { gtin: string; lots: string[]; reason: string }) => {
    const response = await fetch(`${office.hq.url}/admin/v1/recalls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OFFICE_ADMIN_TOKEN}` },
      body: JSON.stringify({ serials: [], ...body }),
    });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    office = await startOffice({ signedIn: false });
    expect(await importCatalogCsv(office.hq.db, CSV, { currency: 'CNY' })).toMatchObject({ ok: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-recall-basket-'));
    const consoleDir = join(dir, 'console');
    const kioskDir = join(dir, 'kiosk');
    mkdirSync(consoleDir, { mode: 0o700 });
    mkdirSync(kioskDir, { mode: 0o700 });
    writeLaneSettings(consoleDir, 'C01', 'attendant', { offlineSeconds: 5 });
    consoleServe = await startServe({ dataDir: consoleDir });
    writeLaneSettings(
      kioskDir,
      'K01',
      'kiosk',
      { console: `http://127.0.0.1:${linkPort(consoleServe)}` },
      { attendants: [ATTENDANT] },
    );
    const { code } = await createEnrolmentCode(office.hq.db, 'S001');
    await enrolTerminal({ dataDir: kioskDir, serverUrl: office.hq.url, code, terminalName: 'K01' });
    kioskServe = await startServe({ dataDir: kioskDir });
    kiosk = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
    console_ = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await kiosk.goto(kioskServe.url);
    await kiosk.getByTestId('welcome').waitFor();
    await kiosk.locator('[data-testid="sync-status"][data-online="true"]').waitFor(WAIT);
    await console_.goto(consoleServe.url);
  });

  afterAll(async () => {
    await kioskServe?.stop();
    await consoleServe?.stop();
    await office?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('marks lines recalled after they were scanned, and refuses payment until they are removed', async () => {
    const lines = kiosk.getByTestId('basket-line');
    await typeLikeScanner(kiosk, milk.barcode);
    await typeLikeScanner(kiosk, bread.barcode);
    await expect.poll(() => lines.count(), WAIT).toBe(2);
    const pay = kiosk.getByTestId('pay-button');
    expect(await pay.isEnabled()).toBe(true);

    await recall({ gtin: milk.barcode, lots: [], reason: 'Possible glass fragments' });
    await recall({ gtin: bread.barcode, lots: ['B2411'], reason: 'Undeclared sesame' });
    // HQ's stream announces the recalls; the lane pulls them and shows the basket again.
    await expect
      .poll(() => lines.evaluateAll((all) => all.map((line) => line.getAttribute('data-recalled'))), WAIT)
      .toEqual(['gtin', 'unknown']);
    expect(await kiosk.getByTestId('recalled-banner').innerText()).toMatch(/has been recalled/);
    expect(await lines.first().getByTestId('line-recalled').innerText()).toMatch(
      /Recalled — please remove it/,
    );
    expect(await pay.isDisabled()).toBe(true);
    expect(await pay.innerText()).toBe('Remove the recalled item to pay');
    // Whatever the screen shows, the lane itself refuses the payment.
    const refused = await kiosk.evaluate(async () => {
      const response = await fetch('/api/payment.start', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'recalled_in_basket' } });
    expect(await seriousViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'kiosk-recalled-line-en');
    await kiosk.getByTestId('language-zh').click();
    await expect.poll(() => pay.innerText()).toBe('移除召回商品后再付款');
    expect(await lines.first().getByTestId('line-recalled').innerText()).toMatch(/已被召回/);
    await shot(kiosk, 'kiosk-recalled-line-zh');
    await kiosk.getByTestId('language-en').click();

    await lines.first().getByTestId('line-remove').click();
    await expect.poll(() => lines.count(), WAIT).toBe(1);
    expect(await pay.isDisabled()).toBe(true);
    await lines.first().getByTestId('line-remove').click();
    await expect.poll(() => lines.count(), WAIT).toBe(0);
  });

  it('holds a plain EAN under a lot recall and calls the attendant, whose answer reaches the kiosk', async () => {
    await typeLikeScanner(kiosk, bread.barcode);
    await expect
      .poll(() => kiosk.getByTestId('scan-message').getAttribute('data-code'), WAIT)
      .toBe('recall_check_lot');
    expect(await kiosk.getByTestId('lot-check-banner').innerText()).toMatch(
      /An attendant is coming to check a pack[\s\S]*Toast Bread/,
    );
    await shot(kiosk, 'kiosk-lot-check-en');
    await kiosk.getByTestId('language-zh').click();
    await expect.poll(() => kiosk.getByTestId('lot-check-banner').innerText()).toMatch(/服务人员正在赶来/);
    await shot(kiosk, 'kiosk-lot-check-zh');
    await kiosk.getByTestId('language-en').click();

    const call = console_.getByTestId('call-K01-lot-check');
    await expect.poll(() => call.innerText(), WAIT).toMatch(/Lot check[\s\S]*Check the lot of Toast Bread/);
    await shot(console_, 'console-lot-check-card-en');
    await call.getByRole('button', { name: 'Lot check' }).click();
    const form = console_.getByTestId('lot-check');
    await expect.poll(() => form.innerText()).toMatch(/Check the lot of Toast Bread/);
    expect(await seriousViolations(console_)).toEqual([]);
    await shot(console_, 'console-lot-check-en');
    // The panel covers the language switch: close it, switch, and open it again in 简体中文.
    await console_.getByTestId('lane-panel-close').click();
    await console_.getByTestId('language-zh').click();
    await expect.poll(() => call.innerText()).toMatch(/批号核对[\s\S]*请核对Toast Bread的批号/);
    await shot(console_, 'console-lot-check-card-zh');
    await call.getByRole('button', { name: '批号核对' }).click();
    await expect.poll(() => form.innerText()).toMatch(/请核对Toast Bread的批号/);
    await shot(console_, 'console-lot-check-zh');

    await form.locator('input').nth(0).fill(ATTENDANT.badge);
    await form.locator('input').nth(1).fill(ATTENDANT_PIN);
    await form.getByTestId('lot-accept-submit').click();
    await expect.poll(() => call.count(), WAIT).toBe(0);

    const lines = kiosk.getByTestId('basket-line');
    await expect.poll(() => lines.count(), WAIT).toBe(1);
    expect(await lines.first().getAttribute('data-recalled')).toBeNull();
    await expect.poll(() => kiosk.getByTestId('lot-check-banner').count()).toBe(0);
    expect(await kiosk.getByTestId('pay-button').isEnabled()).toBe(true);
  });
});
