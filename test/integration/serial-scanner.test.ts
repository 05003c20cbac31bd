// The serial scanner reader on real kernel pseudo-terminals made by socat: serialport opens the
// "device" end exactly as it opens a USB scanner's port; the test types barcodes into the other end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScannerPool } from '../../native/scanner/scanner-pool';
import { SerialScanner } from '../../native/scanner/serial-scanner';
import type { ScannerEvent } from '../../native/scanner/serial-scanner';
import { startPtyPair } from '../helpers/socat';
import type { PtyPair } from '../helpers/socat';

const WAIT = { timeout: 5000, interval: 5 };

let dir: string;
let cleanups: (() => Promise<void>)[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-scanner-'));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function pair(name = 'a'): Promise<PtyPair> {
  const started = await startPtyPair(dir, { deviceName: `${name}-dev`, hostName: `${name}-host` });
  cleanups.push(() => started.kill());
  return started;
}

/** Everything the reader reported, with helpers to wait for what a user would notice. */
function recorder() {
  const events: ScannerEvent[] = [];
  const scans = (id?: string) =>
    events.flatMap((e) => (e.type === 'scan' && (id === undefined || e.scannerId === id) ? [e.text] : []));
  const statuses = () => events.filter((e) => e.type === 'status');
  return {
    events,
    listener: (event: ScannerEvent) => events.push(event),
    scans,
    statuses,
    async waitForScans(count: number, id?: string) {
      await vi.waitFor(() => expect(scans(id).length).toBeGreaterThanOrEqual(count), WAIT);
      return scans(id);
    },
    async waitForStatus(connected: boolean, after = 0) {
      return vi.waitFor(() => {
        const found = statuses()
          .slice(after)
          .find((s) => s.connected === connected);
        if (!found) throw new Error(`no status connected=${connected} yet: ${JSON.stringify(statuses())}`);
        return found;
      }, WAIT);
    },
  };
}

async function connectedScanner(
  device: PtyPair,
  baudRate = 9600,
  id = 'hand',
  affixes: { prefix?: string; suffix?: string } = {},
) {
  const log = recorder();
  const scanner = new SerialScanner({ id, path: device.devicePath, baudRate, ...affixes }, log.listener);
  cleanups.push(() => scanner.stop());
  scanner.start();
  await log.waitForStatus(true);
  return { scanner, log };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialScanner on socat ptys', () => {
  it('reads scans ended by CR, LF and CRLF, stamped with the time they arrived', async () => {
    const device = await pair();
    const { log } = await connectedScanner(device);
    const before = Date.now();
    device.write('6901234567892\r');
    device.write('4006381333931\n');
    device.write('9787111544937\r\n');
    expect(await log.waitForScans(3)).toEqual(['6901234567892', '4006381333931', '9787111544937']);
    const scan = log.events.find((e) => e.type === 'scan');
    expect(scan).toMatchObject({ scannerId: 'hand' });
    const receivedAt = scan?.type === 'scan' ? scan.receivedAt : 0;
    expect(receivedAt).toBeGreaterThanOrEqual(before - 1);
    expect(receivedAt).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('joins a scan split across two writes with a pause between', async () => {
    const device = await pair();
    const { log } = await connectedScanner(device);
    device.write('69012345');
    await sleep(80);
    expect(log.scans()).toEqual([]);
    device.write('67892\r\n');
    expect(await log.waitForScans(1)).toEqual(['6901234567892']);
  });

  it('reports garbage bytes as hex with a reason and still reads the next scan', async () => {
    const device = await pair();
    const { log } = await connectedScanner(device);
    device.write(Uint8Array.of(0x31, 0x07, 0x32, 0x0d));
    device.write(Uint8Array.of(0x41, 0xff, 0x0a));
    device.write('4006381333931\r\n');
    expect(await log.waitForScans(1)).toEqual(['4006381333931']);
    const garbage = log.events.filter((e) => e.type === 'garbage');
    expect(garbage).toEqual([
      expect.objectContaining({ scannerId: 'hand', bytes: '310732', reason: 'control-byte' }),
      expect.objectContaining({ scannerId: 'hand', bytes: '41ff', reason: 'invalid-utf8' }),
    ]);
  });

  it('keeps the GS separators of a GS1 scan and decodes UTF-8 QR text', async () => {
    const device = await pair();
    const { log } = await connectedScanner(device);
    const gs1 = '0109501101530003\u001d1725010110ABC123\u001d21SER9';
    device.write(`${gs1}\r\n`);
    device.write('取货码: 8831 牛奶\r\n');
    expect(await log.waitForScans(2)).toEqual([gs1, '取货码: 8831 牛奶']);
  });

  it.each([9600, 115200])(
    'strips a programmed prefix and suffix and keeps AIM identifiers and GS at %i baud',
    async (baud) => {
      const device = await pair();
      const { log } = await connectedScanner(device, baud, 'hand', { prefix: 'S1:', suffix: '#' });
      const gs1 = ']d2010950600013435217261231\x1d10ABC123\x1d21SER-0001';
      device.write(`S1:]E06901234567892#\r\n`);
      device.write(`S1:${gs1}#\r\n`);
      device.write(`]Q1https://id.example.com/01/09506000134352#\r\n`); // no prefix: only the suffix goes
      expect(await log.waitForScans(3)).toEqual([
        ']E06901234567892',
        gs1,
        ']Q1https://id.example.com/01/09506000134352',
      ]);
    },
  );

  it('works at 115200 baud', async () => {
    const device = await pair();
    const { scanner, log } = await connectedScanner(device, 115200);
    expect(scanner.baudRate).toBe(115200);
    const burst = Array.from({ length: 50 }, (_, i) => `ITEM${String(i).padStart(4, '0')}`);
    device.write(burst.map((s) => `${s}\r\n`).join(''));
    expect(await log.waitForScans(50)).toEqual(burst);
  });

  it('keeps reading after a listener throws on a scan', async () => {
    const device = await pair();
    const texts: string[] = [];
    const scanner = new SerialScanner({ id: 'hand', path: device.devicePath, baudRate: 9600 }, (event) => {
      if (event.type !== 'scan') return;
      texts.push(event.text);
      if (texts.length === 1) throw new Error('listener bug');
    });
    cleanups.push(() => scanner.stop());
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(async () => quiet.mockRestore());
    scanner.start();
    await vi.waitFor(() => expect(scanner.connected).toBe(true), WAIT);
    device.write('1\r\n');
    device.write('2\r\n');
    await vi.waitFor(() => expect(texts).toEqual(['1', '2']), WAIT);
    expect(scanner.connected).toBe(true);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining('listener threw on scan'), expect.any(Error));
  });

  it('reads two scanners at once and attributes each scan to its scanner', async () => {
    const hand = await pair('hand');
    const fixed = await pair('fixed');
    const log = recorder();
    const pool = createScannerPool(
      [
        { id: 'hand', path: hand.devicePath, baudRate: 9600 },
        { id: 'fixed', path: fixed.devicePath, baudRate: 115200 },
      ],
      log.listener,
    );
    cleanups.push(() => pool.stop());
    pool.start();
    await vi.waitFor(() => expect(pool.statuses().every((s) => s.connected)).toBe(true), WAIT);
    hand.write('1111111111116\r\n');
    fixed.write('2222222222222\r\n');
    hand.write('3333333333338\r');
    fixed.write('4444444444444\n');
    expect(await log.waitForScans(2, 'hand')).toEqual(['1111111111116', '3333333333338']);
    expect(await log.waitForScans(2, 'fixed')).toEqual(['2222222222222', '4444444444444']);
    expect(pool.statuses()).toEqual([
      { scannerId: 'hand', path: hand.devicePath, connected: true, error: null },
      { scannerId: 'fixed', path: fixed.devicePath, connected: true, error: null },
    ]);
  });

  it('reconnects by itself when the device vanishes and comes back under the same path', async () => {
    const device = await pair();
    const { scanner, log } = await connectedScanner(device);
    device.write('1000000000009\r\n');
    await log.waitForScans(1);

    const seen = log.statuses().length;
    await device.kill();
    const lost = await log.waitForStatus(false, seen);
    expect(lost.error).toEqual(expect.any(String));
    expect(scanner.connected).toBe(false);
    // Unplugged for a while: it retries quietly rather than reporting every attempt.
    await sleep(1200);
    expect(log.statuses().length - seen).toBeLessThanOrEqual(2);

    const beforeReturn = log.statuses().length;
    await device.restart();
    await log.waitForStatus(true, beforeReturn);
    device.write('2000000000008\r\n');
    expect(await log.waitForScans(2)).toEqual(['1000000000009', '2000000000008']);
  });

  it('waits for a device that is not there yet at start', async () => {
    const log = recorder();
    const path = join(dir, 'late-dev');
    const scanner = new SerialScanner({ id: 'late', path, baudRate: 9600 }, log.listener);
    cleanups.push(() => scanner.stop());
    scanner.start();
    const missing = await log.waitForStatus(false);
    expect(missing.error).toContain(path);
    await sleep(300);
    const device = await pair('late');
    await log.waitForStatus(true);
    device.write('3000000000007\r\n');
    expect(await log.waitForScans(1)).toEqual(['3000000000007']);
  });

  it('stop() ends retries and releases the port for the next reader', async () => {
    const device = await pair();
    const { scanner, log } = await connectedScanner(device);
    await scanner.stop();
    expect(log.statuses().at(-1)).toMatchObject({ connected: false, error: null });

    // Stopped while the device is missing: no retry may reconnect it when the device returns.
    await device.kill();
    const afterStop = log.events.length;
    await device.restart();
    await sleep(600);
    expect(log.events.length).toBe(afterStop);

    // The port lock was released, so a new reader opens the same device and reads from it.
    const next = await connectedScanner(device, 9600, 'next');
    device.write('5000000000005\r\n');
    expect(await next.log.waitForScans(1)).toEqual(['5000000000005']);
    expect(log.scans()).toEqual([]);
  });
});
