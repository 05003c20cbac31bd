// Help and the header agree about HQ, in Chromium: a terminal enrolled with a real HQ (PGlite) that has
// no catalog yet is synced, and Help says so too — it used to say "Not synced yet" under a "Synced" header.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { openKiosk } from '../helpers/browser';
import { startBackend, type TestBackend } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';

describe('Help and the header on a terminal synced with an HQ that has no catalog yet', () => {
  let dir: string;
  let backend: TestBackend;
  let server: RunningServer;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-help-sync-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    backend = await startBackend('pglite');
    server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'K01' });
    serve = await startServe({ dataDir: data });
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says the same in Help as in the header', async () => {
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('data-online'), { timeout: 15_000 }).toBe('true');
    const header = await page.getByTestId('sync-text').textContent();
    expect(header).toMatch(/^Synced /);
    await page.getByTestId('help-button').click();
    await expect.poll(() => page.getByTestId('help-sync-status').textContent()).toBe(`HQ · ${header}`);
    expect(await page.getByTestId('help-sync').textContent()).toBe('No catalog from HQ yet · 0 products');
    expect(await page.getByTestId('help-overlay').textContent()).not.toContain('Not synced yet');
  });
});
