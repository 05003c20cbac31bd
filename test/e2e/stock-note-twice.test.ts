// The same delivery note taken on two stock terminals while neither can reach HQ, each on its own
// screen in Chromium: both book it offline (nothing tells them otherwise); once HQ is back and both
// have synced, HQ flags the note as received twice, naming both terminals, and books its stock once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server';
import { seriousViolations } from '../helpers/axe';
import { startLane, type Lane } from '../helpers/browser';
import { hqOnHand } from '../helpers/hq-stock';
import type { TestBackend } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';
import {
  catalogArrived,
  enrolledData,
  hqAdmin,
  scanQuantity,
  startStockHq,
  terminalApi,
} from '../helpers/stock-hq';
import { MILK, PHONE, gtin14, signInForStock, stockShots } from '../helpers/stock-screens';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'stock-note-twice');

describe('one delivery note on two offline stock terminals', () => {
  let dir: string;
  let backend: TestBackend;
  let server: RunningServer | null = null;
  let hqPort: number;
  let lane: Lane;
  let second: ServeProcess;
  const pages: Page[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-note-twice-'));
    ({ backend, server } = await startStockHq());
    hqPort = Number(new URL(server.url).port);
    await enrolledData(server, join(dir, 't01'), 'T01');
    await enrolledData(server, join(dir, 't02'), 'T02');
    lane = await startLane({ dir, dataDir: join(dir, 't01'), serveArgs: ['--role', 'stock'] });
    second = await startServe({ dataDir: join(dir, 't02'), args: ['--role', 'stock'] });
    urls.push(lane.serve.url, second.url);
    pages.push(lane.page, await lane.browser.newPage({ viewport: PHONE }));
    for (const [i, page] of pages.entries()) {
      await page.goto(urls[i]!);
      await signInForStock(page);
    }
  });

  afterAll(async () => {
    await second?.stop();
    await lane?.close();
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both take it offline; HQ flags it once both sync, and books the stock once', async () => {
    for (const url of urls) await catalogArrived(url, MILK.barcode);
    await server!.close();
    server = null;

    for (const [i, page] of pages.entries()) {
      // The screen shows the terminal cut off from HQ before the note is taken (a sync is asked for
      // rather than waiting for the next interval to find HQ gone).
      await expect
        .poll(async () => {
          await terminalApi(urls[i]!, 'sync.now');
          return page.locator('body').innerText();
        })
        .toMatch(/HQ\s+Offline/);
      await page.getByTestId('stock-task-receive').click();
      await page.getByTestId('stock-reference').fill('DN-SW-9');
      await page.getByTestId('stock-supplier').fill('Bright Dairy');
      await page.getByTestId('stock-receive-free').click();
      await expect.poll(() => page.getByTestId('stock-receiving').isVisible()).toBe(true);
      await scanQuantity(page, MILK.barcode, 12);
      await expect.poll(() => page.getByTestId('stock-received').first().innerText()).toBe('12');
      await page.getByTestId('stock-receive-finish').click();
      await expect
        .poll(() => page.getByTestId('stock-notice').first().innerText())
        .toBe('Received and booked');
      expect(await seriousViolations(page)).toEqual([]);
      if (i === 1) await stockShots(page, ARTIFACTS, '01-received-offline');
    }

    // HQ comes back on the address the terminals were enrolled with.
    ({ server } = await startStockHq(hqPort, backend));
    const hq = server;
    const flags = async () => {
      for (const url of urls) await terminalApi(url, 'sync.now');
      const answer = await hqAdmin(hq, 'GET', '/admin/v1/stock-flags?store=S001');
      return (answer.body as { flags?: unknown[] }).flags ?? [];
    };
    await expect.poll(flags, { timeout: 15_000 }).toHaveLength(1);
    const [flag] = await flags();
    expect(flag).toMatchObject({
      code: 'delivery_received_twice',
      reference: 'DN-SW-9',
      details: { notBooked: [{ gtin: gtin14(MILK.barcode), quantity: 12 }] },
    });
    const { first, second: other } = (flag as { details: Record<string, { terminalId: string }> }).details;
    expect([first!.terminalId, other!.terminalId].sort()).toEqual(['T01', 'T02']);
    expect(await hqOnHand(hq.db, gtin14(MILK.barcode))).toBe(12);
  });
});
