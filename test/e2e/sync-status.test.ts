// The HQ status line in Chromium against a real `openlane serve` enrolled with a real HQ server (PGlite,
// in this process): synced with HQ's catalog; then HQ stops, a sale is made, and the screen says offline
// with the sale waiting. Screenshots go to test-artifacts/lane/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../db/outbox';
import { openDatabase } from '../../db/open';
import { importCatalogCsv, startServer, type RunningServer } from '../../server';
import { PRODUCTS, WALLET } from '../helpers/checkout';
import { startEnrolledKiosk, stopEnrolledKiosk, type EnrolledKiosk } from '../helpers/enrolled-kiosk';
import type { TestBackend } from '../helpers/postgres';
import type { ServeProcess } from '../helpers/serve';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'lane');
const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');

describe('the HQ status line', () => {
  let kiosk: EnrolledKiosk | undefined;
  let data: string;
  let backend: TestBackend;
  let server: RunningServer | null = null;
  /** HQ comes back on the port the terminal was enrolled with. */
  let hqPort: number;
  let serve: ServeProcess;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const syncText = () => page.getByTestId('sync-text').textContent();
  const api = async (name: string, input: object = {}) => {
    const response = await fetch(new URL(`/api/${name}`, serve.url), {
      method: 'POST',
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: unknown };
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    kiosk = await startEnrolledKiosk('openlane-e2e-sync-', async (hq) => {
      expect((await importCatalogCsv(hq.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    });
    ({ data, backend, server, serve, page } = kiosk);
    hqPort = Number(new URL(server!.url).port);
  });

  afterAll(async () => {
    // The test stops HQ and starts it again: the one running now is the one to close.
    if (kiosk) kiosk.server = server;
    await stopEnrolledKiosk(kiosk);
  });

  it('shows the terminal synced with HQ, quietly, and the catalog version in Help', async () => {
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('data-online'), { timeout: 15_000 }).toBe('true');
    expect(await syncText()).toBe('Synced just now');
    expect(await status.getAttribute('class')).toBe('sync-status ok');
    await shot('sync-online');

    await page.getByTestId('help-button').click();
    await expect
      .poll(() => page.getByTestId('help-sync').textContent())
      .toMatch(/^Catalog version [1-9]\d* · \d+ products$/);
    await page.waitForTimeout(600); // let the dialog's fade-in finish
    await shot('sync-help');
    await page.getByTestId('help-close').click();
  });

  it('shows it offline with the sale waiting once HQ has stopped', async () => {
    await server!.close();
    server = null;
    // A sale of an item from HQ's catalog, paid by a wallet code the simulator pays at once.
    expect(await api('basket.addScan', { code: milk.barcode, source: 'keypad' })).toMatchObject({ ok: true });
    expect(await api('basket.addScan', { code: WALLET.pays, source: 'keypad' })).toMatchObject({
      ok: true,
      value: { status: 'paid' },
    });
    await page.getByTestId('paid').waitFor();
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('data-online'), { timeout: 15_000 }).toBe('false');
    await expect.poll(syncText, { timeout: 10_000 }).toMatch(/^Offline — 1 sale waiting, oldest \d+ s$/);
    // Not stale yet: grey, not amber.
    expect(await status.getAttribute('class')).toBe('sync-status off');
    await shot('sync-offline-paid');

    expect(await api('sale.finish')).toMatchObject({ ok: true });
    await page.getByTestId('welcome').waitFor();
    await expect.poll(syncText).toMatch(/^Offline — 1 sale waiting/);
    await page.getByTestId('language-zh').click();
    await expect.poll(syncText).toMatch(/^离线 — 1 笔销售待上传，最早 \d+ 秒$/);
    await shot('sync-offline-zh');

    const view = await api('sync.status');
    expect(view).toMatchObject({ ok: true, value: { sync: { online: false }, outbox: { pendingSales: 1 } } });
  });

  it('turns amber when sales have waited for HQ for hours', async () => {
    // An event the terminal wrote three hours ago and could never send (the clock is the terminal's).
    const db = openDatabase(join(data, 'openlane.db'));
    try {
      const threeHoursAgo = new Date(Date.now() - 3 * 3600_000 - 60_000);
      db.transaction(() =>
        appendEvent(db, 'basket.opened', { basketId: 'old', currency: 'CNY' }, threeHoursAgo),
      )();
    } finally {
      db.close();
    }
    await page.getByTestId('language-en').click();
    expect(await api('sync.now')).toMatchObject({ ok: true });
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('class'), { timeout: 10_000 }).toBe('sync-status stale');
    expect(await syncText()).toBe('Offline — 1 sale waiting, oldest 3 h');
    await shot('sync-stale');
  });

  it('sends what waited once HQ is back, and Help says the till clock agrees with HQ', async () => {
    server = await startServer({ port: hqPort, dataDir: backend.dataDir, catalogPollMs: 100 });
    expect(await api('sync.now')).toMatchObject({ ok: true });
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('class'), { timeout: 15_000 }).toBe('sync-status ok');
    await expect.poll(syncText).toBe('Synced just now');
    const { rows } = await server.db.query<{ n: unknown }>('SELECT count(*) AS n FROM sales');
    expect(Number(rows[0]!.n)).toBe(1);

    // Both clocks are this machine's: HQ measured no skew worth a word.
    await page.getByTestId('help-button').click();
    await expect.poll(() => page.getByTestId('help-clock').textContent()).toBe('Clock in step with HQ');
    await page.waitForTimeout(600); // let the dialog's fade-in finish
    await shot('sync-help-clock');
    await page.getByTestId('help-close').click();
  });
});
