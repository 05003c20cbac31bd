// Stock, purchase orders and sync problems in the back office, in Chromium against a real HQ: a PO made
// and sent on screen, received short and damaged by a device through /v1/events, shows so on its page;
// a refused receiving shows as a sentence naming the product and terminal and is retried successfully
// once its cause is fixed; a count review is accepted on screen. axe finds nothing serious on these
// screens, in English and in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockEvent, type WireEvent } from '../../core/sync';
import { MAX_QUANTITY } from '../../core/sync/values';
import { createEnrolmentCode, importCatalogCsv } from '../../server';
import { axeProblems } from '../helpers/axe';
import { PRODUCTS } from '../helpers/checkout';
import { OFFICE_ADMIN, officeShot, openArea, startOffice, type Office } from '../helpers/office';
import { call, enrolDevice, type TestDevice } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
let office: Office;
let lane: TestDevice;

const send = async (event: WireEvent) =>
  (await call(office.hq.url, 'POST', '/v1/events', { token: lane.token, body: { events: [event] } })).body
    .results[0] as { status: string };

beforeAll(async () => {
  office = await startOffice();
  const csv = [
    'barcode,name,price,tax_rate,unit,age_limit,department',
    ...[milk, bread].map((p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},13,each,,Test`),
  ].join('\n');
  expect((await importCatalogCsv(office.hq.db, csv, { currency: 'CNY' })).ok).toBe(true);
  lane = await enrolDevice(office.hq.url, () => createEnrolmentCode(office.hq.db, 'S001'), 'Lane 1');
});
afterAll(async () => office?.close());

async function axeBothLanguages(context: string) {
  const { page } = office;
  for (const language of ['简体中文', 'English']) {
    await page.getByRole('button', { name: language }).click();
    await expect
      .poll(() => page.locator('html').getAttribute('lang'))
      .toBe(language === 'English' ? 'en' : 'zh-CN');
    expect(await axeProblems(page, `${context} in ${language}`)).toEqual([]);
  }
}

describe('stock, purchase orders and sync problems in the back office', () => {
  it('a PO made and sent on screen is seen received short and damaged after a receiving arrives', async () => {
    const { page } = office;
    await openArea(page, 'purchase-orders');
    await page.getByRole('button', { name: 'New purchase order' }).click();
    await page.getByLabel('Store').fill('S001');
    await page.getByLabel('PO number').fill('PO-77');
    await page.getByLabel('Supplier').fill('Acme Dairy');
    await page.getByLabel('Expected on').fill('2026-12-09');
    await page.getByLabel('GTIN of line 1').fill(milk.barcode);
    await page.getByLabel('Quantity of line 1').fill('6');
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('GTIN of line 2').fill(milk.barcode);
    await page.getByLabel('Quantity of line 2').fill('1');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    // HQ names the line that repeats a product; the form keeps what was typed.
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/line 2: barcode .* is listed twice/);
    await page.getByLabel('GTIN of line 2').fill(bread.barcode);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect.poll(() => page.getByTestId('po-state').textContent()).toBe('Draft');
    await axeBothLanguages('a draft PO');

    // The draft's lines changed before it is sent: milk 6 → 10, bread removed and added again at 4.
    const expected = async () =>
      Promise.all(
        (await page.getByTestId('po-lines').locator('tbody tr').all()).map(async (row) => {
          const cells = await row.getByRole('cell').allTextContents();
          return [cells[0], cells[2]];
        }),
      );
    await expect.poll(expected).toEqual([
      [milk.gtin, '6'],
      [bread.gtin, '1'],
    ]);
    await page.getByRole('button', { name: 'Change lines' }).click();
    await page.getByLabel('Quantity of line 1').fill('10');
    await page.getByRole('button', { name: 'Remove line 2' }).click();
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('GTIN of line 2').fill(bread.barcode);
    await page.getByLabel('Quantity of line 2').fill('4');
    expect(await axeProblems(page, 'changing a draft PO’s lines')).toEqual([]);
    await officeShot(page, 'po-edit-en');
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.getByRole('button', { name: '保存明细' }).count()).toBe(1);
    expect(await axeProblems(page, 'changing a draft PO’s lines in Chinese')).toEqual([]);
    await officeShot(page, 'po-edit-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save lines' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('The lines are saved.');
    await expect.poll(expected).toEqual([
      [milk.gtin, '10'],
      [bread.gtin, '4'],
    ]);
    await officeShot(page, 'po-edited-en');
    await page.getByRole('button', { name: 'Send to store' }).click();
    await expect.poll(() => page.getByTestId('po-state').textContent()).toBe('Sent');
    // A sent PO offers no change (HQ would refuse it: 409).
    expect(await page.getByRole('button', { name: 'Change lines' }).count()).toBe(0);

    const open = await call(office.hq.url, 'GET', '/v1/deliveries', { token: lane.token });
    const po = (open.body.deliveries as { id: string; number: string }[]).find((d) => d.number === 'PO-77')!;
    const receiving = stockEvent('stock.received', {
      lines: [
        { gtin: milk.gtin, quantity: 7 },
        { gtin: bread.gtin, quantity: 4 },
      ],
      reference: 'DN-77',
      deliveryId: po.id,
      receivingId: '0190a5b2-2222-7000-8000-000000000077',
      damaged: [{ gtin: milk.gtin, quantity: 2 }],
      staffId: 'staff-lin',
      terminalId: 'K01',
    } as never);
    expect(await send(receiving)).toMatchObject({ status: 'applied' });
    await page.reload();
    await expect.poll(() => page.getByTestId('po-state').textContent()).toBe('Partly received');
    const milkRow = page.getByTestId('po-lines').getByRole('row').filter({ hasText: milk.gtin });
    // Expected 10, received 7, short 3, damaged 2.
    expect((await milkRow.getByRole('cell').allTextContents()).slice(2)).toEqual(['10', '7', '3', '2']);
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'DN-77' }).textContent())
      .toContain('staff-lin');
    await openArea(page, 'purchase-orders');
    await expect
      .poll(() => page.getByTestId('po-list').getByRole('row').filter({ hasText: 'PO-77' }).textContent())
      .toContain('Partly received');
    await axeBothLanguages('the PO list');
  });

  it('a refused receiving reads as a sentence and is retried successfully once its cause is fixed', async () => {
    const { page } = office;
    expect(
      await send(stockEvent('stock.received', { lines: [{ gtin: bread.gtin, quantity: 5 }] })),
    ).toMatchObject({ status: 'applied' });
    const tooMuch = stockEvent('stock.received', {
      lines: [{ gtin: bread.gtin, quantity: MAX_QUANTITY }],
      reference: 'DN-BIG',
      terminalId: 'K01',
      staffId: 'staff-wu',
    } as never);
    expect(await send(tooMuch)).toMatchObject({ status: 'rejected' });
    await openArea(page, 'problems');
    const row = page.getByTestId('dead-letters').getByRole('row').filter({ hasText: 'DN-BIG' });
    await expect
      .poll(() => row.textContent())
      .toContain(
        `Receiving of delivery note DN-BIG from K01 (Lane 1) (staff-wu) was refused: the on-hand of product ${bread.gtin} (${bread.name}) would go beyond what HQ can hold`,
      );
    await axeBothLanguages('sync problems');
    // The cause fixed: all the bread on hand (9) adjusted away, so the delivery fits.
    expect(
      await send(
        stockEvent('stock.adjusted', { lines: [{ gtin: bread.gtin, quantity: -9 }], reason: 'damaged' }),
      ),
    ).toMatchObject({ status: 'applied' });
    await row.getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/^Applied: Receiving of delivery note DN-BIG/);
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Show').selectOption('applied');
    await expect.poll(() => row.textContent()).toContain(`Applied by ${OFFICE_ADMIN.name} on`);
  });

  it('a count review is accepted on screen, and the stock screens pass axe', async () => {
    const { page } = office;
    const counted = (device: string, n: number) =>
      stockEvent('stock.counted', {
        sessionId: 'CS-9',
        deviceId: device,
        staffId: `staff-${device}`,
        lines: [
          {
            gtin: milk.gtin,
            counted: n,
            location: 'Aisle 3',
            countedAt: new Date().toISOString(),
            lineId: `${device}-1`,
          },
        ],
      } as never);
    expect(await send(counted('K01', 3))).toMatchObject({ status: 'applied' });
    expect(await send(counted('K02', 5))).toMatchObject({ status: 'applied' });
    await openArea(page, 'stock');
    await expect
      .poll(() =>
        page.getByTestId('stock-levels').getByRole('row').filter({ hasText: milk.gtin }).textContent(),
      )
      .toContain('7');
    await axeBothLanguages('stock levels');
    await page.getByRole('link', { name: 'Counts' }).click();
    await page.getByRole('button', { name: 'Accept K02: 5' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Accepted the count of K02.');
    await expect
      .poll(() =>
        page
          .getByTestId('count-reviews')
          .getByRole('button', { name: /^Accept/ })
          .count(),
      )
      .toBe(0);
    await expect
      .poll(() =>
        page.getByTestId('count-sessions').getByRole('row').filter({ hasText: 'CS-9' }).textContent(),
      )
      .toContain('−2');
    await axeBothLanguages('counts');
    await page.getByRole('link', { name: 'Flagged duplicates' }).click();
    await axeBothLanguages('flags');
    await page.getByRole('link', { name: 'Levels' }).click();
    await page.getByTestId('stock-levels').getByRole('button', { name: milk.gtin }).click();
    await expect
      .poll(() =>
        page.getByTestId('stock-movements').getByRole('row').filter({ hasText: 'DN-77' }).textContent(),
      )
      .toContain('K01');
    await axeBothLanguages('movements');
  });
});
