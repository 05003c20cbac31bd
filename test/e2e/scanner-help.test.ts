// A wrong --scanner path, as store IT meets it: `openlane serve` says which path and why in its log,
// the TerminalApi reports it, and the kiosk's Help shows it to the attendant, in English and in Chinese.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScannerStatus } from '../../services/api/contract';
import { openKiosk } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';

describe('a scanner path that names no scanner', () => {
  let dir: string;
  let missing: string;
  let notSerial: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-scanner-help-'));
    missing = join(dir, 'ttyACM9');
    notSerial = join(dir, 'notes.txt');
    writeFileSync(notSerial, 'not a serial port\n');
    serve = await startServe({
      dataDir: join(dir, 'data'),
      scanners: [missing, `${notSerial}:115200`],
    });
    ({ browser, page } = await openKiosk(serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs each path with the reason and what to do, once', async () => {
    await expect
      .poll(() => serve.output())
      .toContain(
        `openlane: scanner ${missing} (9600 baud): not connected: it does not exist — is the scanner plugged in, and is this the right --scanner path?`,
      );
    await expect
      .poll(() => serve.output())
      .toContain(`openlane: scanner ${notSerial} (115200 baud): not connected: it is not a serial port`);
    // The port keeps retrying; the same reason is not logged again.
    expect(serve.output().split(`scanner ${missing} `).length - 1).toBe(1);
  });

  it("gives the reason in the TerminalApi's scanner status", async () => {
    const response = await fetch(new URL('/api/session.get', serve.url), { method: 'POST', body: '{}' });
    const result = (await response.json()) as { ok: true; value: { scanners: ScannerStatus[] } };
    const byPath = Object.fromEntries(result.value.scanners.map((s) => [s.path, s]));
    expect(byPath[missing]).toMatchObject({ connected: false, problem: 'not_found' });
    expect(byPath[missing]!.lastError).toMatch(/No such file or directory/);
    expect(byPath[notSerial]).toMatchObject({ connected: false, problem: 'not_serial' });
  });

  it("shows each scanner's path and reason in Help, in English and in Chinese", async () => {
    await page.getByTestId('help-button').click();
    const lines = () => page.getByTestId('help-scanner').allTextContents();
    await expect
      .poll(lines)
      .toEqual(
        expect.arrayContaining([
          `Scanner ${missing}: not connected — this device does not exist. Check the cable and the --scanner path.`,
          `Scanner ${notSerial}: not connected — this is not a serial port. Check the --scanner path.`,
        ]),
      );
    await page.keyboard.press('Escape');
    await page.getByTestId('language-zh').click();
    await page.getByTestId('help-button').click();
    await expect
      .poll(lines)
      .toContain(`扫描器 ${missing}：未连接 — 找不到该设备。请检查连接线和 --scanner 路径。`);
  });
});
