// The staff reprint on the paid screen, in Chromium against a real `openlane serve` whose receipt printer
// is a socat pseudo-terminal: a shopper sees no reprint; a staff badge scanned there offers one, and
// the printer gets a copy marked COPY / 副本.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { openKiosk } from '../helpers/browser';
import { WALLET } from '../helpers/checkout';
import { gb18030Text } from '../helpers/escpos';
import { printerOnPty, type printerSide } from '../helpers/printer-side';
import { startServe, type ServeProcess } from '../helpers/serve';
import type { PtyPair } from '../helpers/socat';

describe('reprinting a receipt on the paid screen', () => {
  let dir: string;
  let pty: PtyPair;
  let printer: ReturnType<typeof printerSide>;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const api = async (name: string, input: object) => {
    const response = await fetch(new URL(`/api/${name}`, serve.url), {
      method: 'POST',
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-reprint-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    ({ pty, printer } = await printerOnPty(dir, data));
    serve = await startServe({ dataDir: data });
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    printer?.close();
    await pty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers no reprint to the shopper, and one to staff after their badge is scanned', async () => {
    const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    expect(await api('basket.addScan', { code: item.barcode, source: 'keypad' })).toMatchObject({ ok: true });
    expect(await api('basket.addScan', { code: WALLET.pays, source: 'keypad' })).toMatchObject({
      ok: true,
      value: { status: 'paid' },
    });
    await page.getByTestId('paid').waitFor();
    const original = gb18030Text(await printer.receipt());
    expect(original).not.toContain('COPY');
    expect(await page.getByTestId('reprint-button').count()).toBe(0);

    // The attendant's badge, read by a scanner: the backend says "staff badge read".
    expect(await api('basket.addScan', { code: 'STAFF-A01X', source: 'wedge' })).toMatchObject({
      ok: false,
      error: { code: 'staff_badge' },
    });
    await page.getByTestId('reprint-button').click();
    await expect
      .poll(() => page.getByTestId('reprint-status').textContent())
      .toBe('Reprinted — the copy says COPY at the top and bottom.');
    const copy = gb18030Text(await printer.receipt());
    expect(copy).toContain('*** COPY 副本 ***');
    const number = /S001-K01-\d{6}/.exec(original)![0];
    expect(copy).toContain(number);
  });
});
