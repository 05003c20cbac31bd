// The lanes the screens tests look at: a fresh temp directory, whatever the test starts in it, and one
// `openlane serve` with Chromium at its welcome screen; all of it stopped and removed by close().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchPage } from './browser';
import { startServe, waitForScanners, type ServeProcess } from './serve';

export type Cleanup = () => Promise<void> | void;

/**
 * Builds something in a fresh temp dir. What it starts it pushes on `cleanups`: close() runs them
 * last first, then removes the dir; if building fails they run at once.
 */
export async function inTempDir<T extends object>(
  prefix: string,
  build: (dir: string, cleanups: Cleanup[]) => Promise<T>,
): Promise<T & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cleanups: Cleanup[] = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    return { ...(await build(dir, cleanups)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `openlane serve` on `dataDir`, its scanners connected, and Chromium at its welcome screen. */
export async function serveKiosk(
  dataDir: string,
  scanners: string[],
  cleanups: Cleanup[],
): Promise<{ serve: ServeProcess; browser: Browser; page: Page }> {
  const serve = await startServe({ dataDir, scanners });
  cleanups.push(() => serve.stop());
  await waitForScanners(serve.url);
  const { browser, page } = await launchPage();
  cleanups.push(() => browser.close());
  await page.goto(serve.url);
  await page.getByTestId('welcome').waitFor();
  return { serve, browser, page };
}
