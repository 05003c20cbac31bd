// A real HQ (PGlite, in this process) and a real `openlane serve` enrolled with it, its kiosk open in
// Chromium: what every end-to-end test of the HQ status needs before its first look at the screen.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { openKiosk } from './browser';
import { startBackend, type TestBackend } from './postgres';
import { startServe, type ServeProcess } from './serve';

export interface EnrolledKiosk {
  dir: string;
  /** The terminal's data directory. */
  data: string;
  backend: TestBackend;
  /** HQ; a test that stops it sets null here, and one that starts it again puts the new one back. */
  server: RunningServer | null;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
}

/** Starts HQ, lets `prepareHq` fill it (a catalog…), enrols terminal K01 of S001 and opens its kiosk. */
export async function startEnrolledKiosk(
  prefix: string,
  prepareHq: (server: RunningServer) => Promise<void> = async () => {},
  /** Environment for `openlane serve` (e.g. the test clock, services/clock.ts). */
  env: Record<string, string> = {},
): Promise<EnrolledKiosk> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const data = join(dir, 'data');
  mkdirSync(data);
  const backend = await startBackend('pglite');
  const server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
  await prepareHq(server);
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'K01' });
  const serve = await startServe({ dataDir: data, env });
  const { browser, page } = await openKiosk(serve.url);
  return { dir, data, backend, server, serve, browser, page };
}

/** Stops whatever of it started, browser first, and removes its files. */
export async function stopEnrolledKiosk(kiosk: EnrolledKiosk | undefined): Promise<void> {
  if (!kiosk) return;
  await kiosk.browser.close();
  await kiosk.serve.stop();
  await kiosk.server?.close();
  await kiosk.backend.stop();
  rmSync(kiosk.dir, { recursive: true, force: true });
}
