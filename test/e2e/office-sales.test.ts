// The sales reports in the back office, in Chromium, from a sale a real enrolled counter sent through
// HQ's /v1/events: the overview's takings, the sales report with its chart and a CSV export of the day,
// and the Z report with its cash difference and approver; axe finds nothing serious, in both languages.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireEvent } from '../../core/sync';
import { createEnrolmentCode } from '../../server';
import { importCatalogCsv } from '../../server/catalog/import';
import { axeProblems } from '../helpers/axe';
import { openArea, startOffice, type Office } from '../helpers/office';
import { call, enrolDevice } from '../helpers/postgres';
import { RICE, SOAP, TEA, counterSale } from '../helpers/refund-hq';

let office: Office;
const now = new Date();
const utcDay = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const today = utcDay(0);

function zReport(difference: number) {
  return wireEvent('shift.closed', {
    shift: {
      currency: 'CNY',
      openedAt: now.toISOString(),
      openedBy: 'C01',
      closedAt: now.toISOString(),
      closedBy: 'C01',
    },
    approvedBy: 'S01',
    zReport: {
      terminalId: 'C01',
      number: 3,
      shiftId: 'shift-3',
      figures: {
        openingFloat: 20_000,
        sales: { count: 1, total: 8000 },
        tenders: { cash: 3000, merchant_qr: 0, wallet_code: 5000 },
        expectedCash: 23_000,
        count: { counted: 23_000 + difference, difference },
      },
    },
  });
}

beforeAll(async () => {
  office = await startOffice();
  const csv = `barcode,name,price,department\n${TEA},Oolong tea,1000,Drinks\n${RICE},Rice,5000,Grocery\n${SOAP},Soap,500,Household\n`;
  expect((await importCatalogCsv(office.hq.db, csv, { currency: 'CNY' })).ok).toBe(true);
  const counter = await enrolDevice(office.hq.url, () => createEnrolmentCode(office.hq.db, 'S001'), 'C01');
  const sale = counterSale('S001', 'C01', now);
  const reply = await call(office.hq.url, 'POST', '/v1/events', {
    token: counter.token,
    body: { events: [sale.event, zReport(-3000)] },
  });
  expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
});
afterAll(async () => office?.close());

describe('sales in the back office', () => {
  it('shows today’s takings on the overview, with the chart by hour and the problems to open', async () => {
    const { page } = office;
    // The page opened on the overview at sign-in, before the sale: the office reloads it.
    await page.reload();
    await openArea(page, 'overview');
    await expect.poll(() => page.getByTestId('overview-takings').textContent()).toContain('80.00');
    await expect
      .poll(() => page.getByTestId('chart-today-by-hour').locator('.recharts-bar-rectangle').count())
      .toBe(1);
    expect(await page.getByTestId('problem-deadLetters').getAttribute('href')).toBe('#/problems');
    expect(await axeProblems(page, 'overview en')).toEqual([]);
  });

  it('reports the sale by day with a chart, exports the day as CSV, in English and Chinese', async () => {
    const { page } = office;
    await page.goto(`${office.hq.url}/#/sales?from=${utcDay(-1)}&to=${utcDay(1)}`);
    await expect.poll(() => page.getByTestId('sales-takings').textContent()).toContain('80.00');
    await expect
      .poll(() => page.getByTestId('chart-by-day').locator('.recharts-bar-rectangle').count())
      .toBe(1);
    await expect.poll(() => page.getByTestId('sales-zones').textContent()).toContain('S001 UTC');
    const table = page.getByTestId('table-by-day');
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain(today);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sales-by-day-${utcDay(-1)}-${utcDay(1)}.csv`);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const tax = counterSale('S001', 'C01', now).event.payload.taxTotal / 100;
    expect(text.trim().split(/\r?\n/)).toEqual([
      'Day,Currency,Sales,Total,Tax,Lines,Refunds,Refunded',
      `${today},CNY,1,80.00,${tax.toFixed(2)},3,0,0.00`,
    ]);
    expect(await axeProblems(page, 'sales en')).toEqual([]);
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('销售');
    expect(await axeProblems(page, 'sales zh-CN')).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('lists the Z report with its cash difference and who approved it', async () => {
    const { page } = office;
    await page.getByRole('link', { name: 'Z reports' }).click();
    const row = page.getByTestId('table-z-reports').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('S01');
    expect(await row.textContent()).toMatch(/-.*30\.00 \(short\)/);
    expect(await axeProblems(page, 'z reports en')).toEqual([]);
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => row.textContent()).toContain('短款');
    expect(await axeProblems(page, 'z reports zh-CN')).toEqual([]);
    await openArea(page, 'overview');
    await expect.poll(() => page.getByTestId('overview-takings').textContent()).toContain('80.00');
    expect(await axeProblems(page, 'overview zh-CN')).toEqual([]);
  });
});
