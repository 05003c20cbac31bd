// The weight-check intervention on real parts: a kiosk on a real SQLite data dir with a Magellan
// scanner-scale emulated on a socat pty, reporting over the lane link (real HTTP on loopback) to an
// attendant console. A weighing the shopper cannot finish alone reaches the console's queue, and
// leaves it when the scale recovers or the weighing ends.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InterventionView } from '../../services/api/lanes-contract';
import { startTerminal, type Terminal } from '../../services/terminal';
import { WEIGHT_CHECK_AFTER_MS } from '../../services/lanes/weight-checks';
import { value } from '../helpers/checkout';
import { laneDataDir, writeLaneSettings } from '../helpers/lanes';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';

const WAIT = { timeout: 10_000, interval: 20 };
/** Fuji Apples, sold by the kg in the demo store. */
const APPLES = '6901000000004';

let dirs: string[];
let device: MagellanEmulator;
let terminals: Terminal[];
let lane: Terminal;
let console: Terminal;

beforeEach(async () => {
  dirs = [];
  terminals = [];
  const consoleDir = laneDataDir('C01', 'attendant', { offlineSeconds: 2 });
  dirs.push(consoleDir);
  console = await startTerminal({ dataDir: consoleDir });
  terminals.push(console);
  const scale = { pollMs: 50, answerTimeoutMs: 400, minimumWeightGrams: 20 };
  const laneDir = laneDataDir('K01', 'kiosk', { console: `http://127.0.0.1:${console.laneLinkPort}` });
  dirs.push(laneDir);
  device = await startMagellanEmulator(laneDir);
  writeLaneSettings(
    laneDir,
    'K01',
    'kiosk',
    { console: `http://127.0.0.1:${console.laneLinkPort}` },
    {
      scale: {
        path: device.devicePath,
        baudRate: 9600,
        dataBits: 7,
        parity: 'odd',
        stopBits: 1,
        protocol: 'magellan',
        ...scale,
      },
    },
  );
  lane = await startTerminal({ dataDir: laneDir });
  terminals.push(lane);
  await expect
    .poll(async () => value(await lane.api['session.get']({})).scanners.every((s) => s.connected), WAIT)
    .toBe(true);
  await expect
    .poll(async () => value(await console.api['lanes.board']({})).lanes.some((l) => l.online), WAIT)
    .toBe(true);
});

afterEach(async () => {
  for (const terminal of terminals) await terminal.close();
  await device.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const weightChecks = async (): Promise<InterventionView[]> =>
  value(await console.api['lanes.board']({})).queue.filter((call) => call.kind === 'weight-check');

describe('the weight check', () => {
  it('calls an attendant when the scale stops answering during a weighing, and closes when it answers', async () => {
    device.set({ state: 'stable', grams: 500 });
    value(await lane.api['scale.weigh']({ code: APPLES, source: 'serial' }));
    device.set({ state: 'silent' });
    const raisedAfter = Date.now();
    await expect
      .poll(async () => (await weightChecks()).map((c) => c.detail), WAIT)
      .toEqual(['not-answering']);
    // Not at the first missed answer: only a weighing stuck for the grace calls staff.
    expect(Date.now() - raisedAfter).toBeGreaterThanOrEqual(WEIGHT_CHECK_AFTER_MS);
    expect((await weightChecks())[0]).toMatchObject({ laneId: 'K01', delivered: true });

    device.set({ state: 'stable', grams: 480 });
    await expect.poll(async () => (await weightChecks()).length, WAIT).toBe(0);
    // The weighing goes on and sells at the scale's weight.
    await expect
      .poll(async () => (await lane.api['scale.add']({ code: APPLES, source: 'serial' })).ok, WAIT)
      .toBe(true);
  });

  it('calls for an item over the scale’s capacity, and closes when the shopper leaves the weighing', async () => {
    value(await lane.api['scale.weigh']({ code: APPLES, source: 'serial' }));
    device.set({ state: 'over-capacity' });
    await expect
      .poll(async () => (await weightChecks()).map((c) => c.detail), WAIT)
      .toEqual(['over-capacity']);
    value(await lane.api['scale.stop']({}));
    await expect.poll(async () => (await weightChecks()).length, WAIT).toBe(0);
  });

  it('calls when the scale is unplugged mid-weighing, and closes when it is plugged back and answers', async () => {
    device.set({ state: 'zero' });
    value(await lane.api['scale.weigh']({ code: APPLES, source: 'serial' }));
    await device.unplug();
    await expect
      .poll(async () => (await weightChecks()).map((c) => c.detail), WAIT)
      .toEqual(['disconnected']);
    await device.plugBack();
    device.set({ state: 'stable', grams: 250 });
    await expect.poll(async () => (await weightChecks()).length, { ...WAIT, timeout: 15_000 }).toBe(0);
  });
});
