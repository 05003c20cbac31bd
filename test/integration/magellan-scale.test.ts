// The Magellan scanner-scale on a real kernel pseudo-terminal: serialport opens the device end as it
// opens a USB scanner-scale; the emulator on the far end answers by the documented protocol.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagellanScale, type ScaleStatus } from '../../native/scale/magellan-scale';
import { SerialScanner, type ScannerEvent } from '../../native/scanner/serial-scanner';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';

const WAIT = { timeout: 10_000, interval: 10 };

let dir: string;
let cleanups: (() => Promise<void>)[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-scale-'));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The scanner-scale as the terminal runs it: one serial port, the scale on the scanner's line. */
async function scannerScale() {
  const device: MagellanEmulator = await startMagellanEmulator(dir);
  cleanups.push(() => device.close());
  const statuses: ScaleStatus[] = [];
  const scale = new MagellanScale({ pollMs: 50, answerTimeoutMs: 400 }, (s) => statuses.push(s));
  const events: ScannerEvent[] = [];
  const scanner = new SerialScanner(
    {
      id: 'magellan',
      path: device.devicePath,
      baudRate: 9600,
      retryMinMs: 50,
      retryMaxMs: 200,
      protocol: scale,
    },
    (event) => events.push(event),
  );
  scale.attach(scanner);
  cleanups.push(async () => {
    scale.stopPolling();
    await scanner.stop();
  });
  scanner.start();
  await expect.poll(() => scanner.connected, WAIT).toBe(true);
  const scans = () => events.flatMap((e) => (e.type === 'scan' ? [e.text] : []));
  const states = () => statuses.map((s) => s.state);
  return { device, scale, scanner, events, scans, states };
}

describe('Magellan scanner-scale on a socat pty', () => {
  it('is not asked while nobody weighs; then reports motion, and the weight once it settles', async () => {
    const { device, scale, states } = await scannerScale();
    device.set({ state: 'motion' });
    expect(device.requests()).toBe(0);
    scale.startPolling();
    await expect.poll(() => scale.status.state, WAIT).toBe('motion');
    device.set({ state: 'stable', grams: 1234 });
    await expect.poll(() => scale.status, WAIT).toMatchObject({ state: 'stable', grams: 1234 });
    expect(states().slice(0, 2)).toEqual(['motion', 'stable']);
    scale.stopPolling();
    const asked = device.requests();
    expect(asked).toBeGreaterThan(0);
  });

  it('reports every state the scale can be in', async () => {
    const { device, scale } = await scannerScale();
    scale.startPolling();
    for (const state of ['zero', 'under-zero', 'over-capacity', 'zero-error', 'motion'] as const) {
      device.set({ state });
      await expect.poll(() => scale.status.state, WAIT).toBe(state);
    }
  });

  it('tells scanned labels from scale answers on the one line', async () => {
    const { device, scale, scans } = await scannerScale();
    device.set({ state: 'stable', grams: 500 });
    scale.startPolling();
    device.scan('6901000000004');
    device.scan('69012347');
    await expect.poll(scans, WAIT).toEqual(['6901000000004', '69012347']);
    await expect.poll(() => scale.status.grams, WAIT).toBe(500);
    expect(scans()).toEqual(['6901000000004', '69012347']); // no weight answer became a scan
  });

  it('garbage on the line becomes neither a scan nor a weight, and the scale reads on', async () => {
    const { device, scale, scans, events } = await scannerScale();
    device.set({ state: 'stable', grams: 777 });
    device.garbage(Uint8Array.from([0x00, 0xff, 0x53, 0x31, 0x34, 0x07, 0x0d]));
    device.garbage('S14401\rS149\r');
    await expect.poll(() => events.some((e) => e.type === 'garbage'), WAIT).toBe(true);
    await expect.poll(() => scale.malformed, WAIT).toBe(2);
    scale.startPolling();
    await expect.poll(() => scale.status, WAIT).toMatchObject({ state: 'stable', grams: 777 });
    expect(scans()).toEqual([]);
  });

  it('a silent scale is "not answering", and recovers when it answers again', async () => {
    const { device, scale } = await scannerScale();
    device.set({ state: 'silent' });
    scale.startPolling();
    await expect.poll(() => scale.status.state, WAIT).toBe('not-answering');
    device.set({ state: 'stable', grams: 250 });
    await expect.poll(() => scale.status, WAIT).toMatchObject({ state: 'stable', grams: 250 });
  });

  it('unplugged is "disconnected"; plugged back it answers again, scanner and scale', async () => {
    const { device, scale, scans } = await scannerScale();
    device.set({ state: 'stable', grams: 900 });
    scale.startPolling();
    await expect.poll(() => scale.status.grams, WAIT).toBe(900);
    await device.unplug();
    await expect.poll(() => scale.status.state, WAIT).toBe('disconnected');
    await device.plugBack();
    device.set({ state: 'stable', grams: 910 });
    await expect.poll(() => scale.status, WAIT).toMatchObject({ state: 'stable', grams: 910 });
    device.scan('6901000000011');
    await expect.poll(scans, WAIT).toEqual(['6901000000011']);
  });
});
