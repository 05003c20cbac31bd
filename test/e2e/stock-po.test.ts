// Receiving a purchase order on the stock screen, end to end: a real HQ (PGlite) imports a purchase
// order for S001, a `stock` terminal enrolled with it brings it down with its sync, and staff on the
// phone-sized screen receive it in part — milk short with one damaged, bread short — then finish; HQ's
// purchase order then shows received, damaged and outstanding per line.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { call, startBackend, type TestBackend } from '../helpers/postgres';
import { seedCounterStaff } from '../helpers/staff';
import { BREAD, MILK, PHONE, signInForStock, stockShots } from '../helpers/stock-screens';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'stock-po');
const ADMIN = 'stock-po-e2e-admin-token-0123456789';

describe('a purchase order received in part on the stock screen', () => {
  let dir: string;
  let backend: TestBackend;
  let server: RunningServer;
  let lane: Lane;
  let page: Page;

  const text = (testId: string) => () => page.getByTestId(testId).first().innerText();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const wedge = async (code: string) => {
    await expect.poll(focused).toBe('stock-entry');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  };
  const admin = (method: string, path: string, rawBody?: string) =>
    call(server.url, method, path, {
      token: ADMIN,
      ...(rawBody === undefined ? {} : { rawBody, headers: { 'content-type': 'text/csv' } }),
    });
  /** The terminal's API as its own page calls it (this machine: no pairing). */
  const api = (name: string, input: unknown = {}) =>
    page.evaluate(
      async ([n, body]) => (await fetch(`/api/${n}`, { method: 'POST', body: JSON.stringify(body) })).json(),
      [name, input] as const,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-po-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    backend = await startBackend('pglite');
    server = await startServer({ port: 0, dataDir: backend.dataDir, adminToken: ADMIN, catalogPollMs: 100 });
    const catalog = [
      'barcode,name,price,tax_rate,unit,department',
      `${MILK.barcode},${MILK.name},12.90,13,each,${MILK.department}`,
      `${BREAD.barcode},${BREAD.name},8.50,13,each,${BREAD.department}`,
    ].join('\n');
    expect((await importCatalogCsv(server.db, catalog, { currency: 'CNY' })).ok).toBe(true);
    // The store exists from its first enrolment code on: the order is for it.
    const { code } = await createEnrolmentCode(server.db, 'S001');
    const po = await admin(
      'POST',
      '/admin/v1/purchase-orders/import',
      [
        'store,po_number,supplier,barcode,quantity,expected_on',
        `S001,PO-77,Bright Dairy,${MILK.barcode},10,2026-12-08`,
        `S001,PO-77,Bright Dairy,${BREAD.barcode},4,2026-12-08`,
        `S001,PO-78,Golden Bakery,${BREAD.barcode},5,2026-12-08`,
      ].join('\n'),
    );
    expect(po.body).toMatchObject({ ok: true });
    await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'H01' });
    seedCounterStaff(data);
    lane = await startLane({ dir, dataDir: data, serveArgs: ['--role', 'stock'] });
    page = lane.page;
    await page.setViewportSize(PHONE);
    await page.goto(lane.serve.url);
    await signInForStock(page);
  });

  afterAll(async () => {
    await lane?.close();
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the order HQ sent; receives it in part with short and damaged marked in words', async () => {
    // The order arrives with the terminal's sync (asked for now rather than at the next interval).
    await expect
      .poll(async () => {
        await api('sync.now');
        const answer = (await api('stock.deliveries')) as { value?: { deliveries: { number: string }[] } };
        return answer.value?.deliveries.map((d) => d.number) ?? [];
      })
      .toEqual(['PO-77', 'PO-78']);
    await page.getByTestId('stock-task-receive').click();
    await expect.poll(text('stock-delivery')).toMatch(/Order PO-77[\s\S]*Bright Dairy[\s\S]*2 lines/);
    const po77 = page.locator('[data-testid="stock-delivery"][data-number="PO-77"]');
    await page.getByTestId('stock-reference').fill('DN-BD-9');
    expect(await seriousViolations(page)).toEqual([]);
    await stockShots(page, ARTIFACTS, '01-expected-deliveries');
    await po77.getByRole('button').click();
    await expect.poll(text('stock-receiving-line')).toMatch(/Fresh Milk 1 L[\s\S]*10[\s\S]*0/);

    // Six milk: scanned, then the number typed.
    await wedge(MILK.barcode);
    await page.getByTestId('stock-quantity').click();
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await expect.poll(text('stock-received')).toBe('6');
    // One came broken.
    await page.getByTestId('stock-damaged').click();
    await wedge(MILK.barcode);
    await page.getByTestId('stock-confirm').click();
    await page.getByTestId('stock-damaged').click();
    // Three bread: a scan, then + twice.
    await wedge(BREAD.barcode);
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-confirm').click();
    const marks = () => page.getByTestId('stock-line-marks').allInnerTexts();
    await expect.poll(marks).toEqual(['3 short · 1 damaged', '1 short']);
    expect(await seriousViolations(page)).toEqual([]);
    await stockShots(page, ARTIFACTS, '02-receiving-po');

    await page.getByTestId('stock-receive-finish').click();
    await expect.poll(text('stock-notice')).toBe('Received and booked');
  });

  it('receive-all takes a trusted supplier’s order as expected', async () => {
    await page.getByTestId('stock-another').click();
    await page.getByTestId('stock-reference').fill('DN-GB-3');
    await page.locator('[data-testid="stock-delivery"][data-number="PO-78"]').getByRole('button').click();
    await expect.poll(text('stock-receiving-line')).toMatch(/Toast Bread[\s\S]*5[\s\S]*0/);
    await page.getByTestId('stock-receive-all').click();
    await expect.poll(text('stock-received')).toBe('5');
    expect(await text('stock-line-marks')()).toBe('as expected');
    await stockShots(page, ARTIFACTS, '03-received-all');
    await page.getByTestId('stock-receive-finish').click();
    await expect.poll(text('stock-notice')).toBe('Received and booked');
  });

  it('HQ shows received, damaged and outstanding per line once the terminal synced', async () => {
    const lines = async () => {
      await api('sync.now');
      const shown = await admin('GET', '/admin/v1/purchase-orders/PO-77?store=S001');
      return (shown.body as { purchaseOrder?: { lines: unknown[] } }).purchaseOrder?.lines ?? [];
    };
    await expect
      .poll(lines, { timeout: 10_000 })
      .toEqual([
        expect.objectContaining({ name: MILK.name, expected: 10, received: 6, damaged: 1, outstanding: 4 }),
        expect.objectContaining({ name: BREAD.name, expected: 4, received: 3, damaged: 0, outstanding: 1 }),
      ]);
  });
});
