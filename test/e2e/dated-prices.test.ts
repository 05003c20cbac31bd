// A price change effective at a set time applies on an offline lane at that time: HQ (PGlite) takes a
// change for milk effective on the next hour, an enrolled `openlane serve` syncs it, HQ goes away, and
// the kiosk in Chromium — with the terminal's clock set through OPENLANE_TEST_CLOCK_FILE — shows the old
// price a minute before and the new one from that moment, the line scanned before keeping its price.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogCsv, importPriceCsv } from '../../server';
import { TEST_CLOCK_ENV } from '../../services/clock';
import { PRODUCTS } from '../helpers/checkout';
import { startEnrolledKiosk, stopEnrolledKiosk, type EnrolledKiosk } from '../helpers/enrolled-kiosk';
import { typeLikeScanner } from '../helpers/wedge';

const { milk } = PRODUCTS;
const CSV = `barcode,name,price,tax_rate,unit,department\n${milk.barcode},${milk.name},12.90,9,each,Dairy`;
const WAIT = { timeout: 15_000 };
/** The next full hour but one: still to come by HQ's clock, whatever the time now. */
const EFFECTIVE = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);

describe('a dated price change on an offline lane', () => {
  let kiosk: EnrolledKiosk | undefined;
  let page: Page;
  let clockFile: string;
  const setClock = (at: Date) => writeFileSync(clockFile, at.toISOString());

  beforeAll(async () => {
    const dir = join(process.env.TMPDIR ?? '/tmp', `openlane-e2e-clock-${process.pid}-${Date.now()}`);
    clockFile = `${dir}.clock`;
    setClock(new Date(EFFECTIVE.getTime() - 60_000));
    kiosk = await startEnrolledKiosk(
      'openlane-e2e-prices-',
      async (hq) => {
        expect(await importCatalogCsv(hq.db, CSV, { currency: 'CNY' })).toMatchObject({ ok: true });
        const change = `barcode,price,effective_at\n${milk.barcode},11.90,${EFFECTIVE.toISOString()}\n`;
        expect(await importPriceCsv(hq.db, change)).toMatchObject({ ok: true, rows: 1 });
      },
      { [TEST_CLOCK_ENV]: clockFile },
    );
    ({ page } = kiosk);
  });

  afterAll(async () => {
    await stopEnrolledKiosk(kiosk);
    rmSync(clockFile, { force: true });
  });

  it('shows the old price before the change takes effect and the new one from then on, with HQ gone', async () => {
    const status = page.getByTestId('sync-status');
    // The first sync brought the catalog and the change; then HQ goes away.
    await expect.poll(() => status.getAttribute('data-online'), WAIT).toBe('true');
    await kiosk!.server!.close();
    kiosk!.server = null;

    await typeLikeScanner(page, milk.barcode);
    await expect.poll(() => page.getByTestId('line-total').allInnerTexts(), WAIT).toEqual(['¥12.90']);

    setClock(EFFECTIVE);
    await typeLikeScanner(page, milk.barcode);
    await expect
      .poll(() => page.getByTestId('line-total').allInnerTexts(), WAIT)
      .toEqual(['¥12.90', '¥11.90']);
  });
});
