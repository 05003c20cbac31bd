// The lane link between real terminals: startTerminal on real SQLite in temp directories, talking
// real HTTP on loopback, each lane reporting to the console and taking its commands.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { eventually, UNKNOWN_EAN, value } from '../../test/helpers/checkout';
import { laneDataDir, OTHER_KEY, writeLaneSettings } from '../../test/helpers/lanes';
import type { LaneBoardView } from '../api/lanes-contract';
import { startTerminal, type Terminal } from '../terminal';
import { signedHeaders } from './auth';
import { COMMAND_PATH, REPORT_PATH } from './protocol';

const dirs: string[] = [];
const running = new Set<Terminal>();

afterEach(async () => {
  for (const terminal of running) await terminal.close();
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dir: string): Promise<Terminal> {
  const terminal = await startTerminal({ dataDir: dir });
  running.add(terminal);
  return terminal;
}

async function stop(terminal: Terminal): Promise<void> {
  running.delete(terminal);
  await terminal.close();
}

function dir(...args: Parameters<typeof laneDataDir>): string {
  const made = laneDataDir(...args);
  dirs.push(made);
  return made;
}

async function startConsole(port = 0): Promise<{ console: Terminal; url: string; dir: string }> {
  const consoleDir = dir('C01', 'attendant', { port, offlineSeconds: 2 });
  const console = await start(consoleDir);
  return { console, url: `http://127.0.0.1:${console.laneLinkPort}`, dir: consoleDir };
}

const board = async (console: Terminal): Promise<LaneBoardView> =>
  value(await console.api['lanes.board']({}));
const laneOf = async (console: Terminal, id: string) =>
  (await board(console)).lanes.find((l) => l.laneId === id);
const piece = () => demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

describe('the lane link', () => {
  it('shows each lane on the console, a Help call in the queue, and "coming" once acknowledged', async () => {
    const { console, url } = await startConsole();
    const lane1 = await start(dir('K01', 'kiosk', { console: url }));
    const lane2 = await start(dir('K02', 'kiosk', { console: url }));
    const seen: string[] = [];
    lane2.subscribe((event) => {
      if (event.type === 'lane.self' && event.lane.help) seen.push(event.lane.help.status);
    });

    await eventually(
      'both lanes online',
      async () => (await board(console)).lanes.filter((l) => l.online).length === 2,
    );
    value(await lane1.api['basket.addScan']({ code: piece().barcode, source: 'keypad' }));
    await eventually('lane 1 shopping with one item', async () => {
      const lane = await laneOf(console, 'K01');
      return lane?.activity === 'shopping' && lane.items === 1 && lane.total === piece().price;
    });

    const called = value(await lane2.api['lane.callHelp']({}));
    expect(called.help?.status).toBe('calling');
    const queued = await eventually(
      'the call in the console queue',
      async () =>
        (await board(console)).queue.find((call) => call.laneId === 'K02' && call.kind === 'help') ?? null,
    );
    await eventually(
      'the lane knows the console has it',
      async () => value(await lane2.api['lane.self']({})).help?.status === 'waiting',
    );
    value(await console.api['lanes.acknowledge']({ laneId: 'K02', callId: queued.id }));
    expect(value(await lane2.api['lane.self']({})).help?.status).toBe('coming');
    expect(seen).toContain('coming');

    value(await console.api['lanes.handle']({ laneId: 'K02', callId: queued.id }));
    expect(value(await lane2.api['lane.self']({})).help).toBeNull();
    expect((await board(console)).queue).toEqual([]);
  });

  it('keeps a call raised while the console is away, across a restart, and delivers it when it returns', async () => {
    const first = await startConsole();
    const port = first.console.laneLinkPort!;
    await stop(first.console);
    const laneDir = dir('K01', 'kiosk', { console: first.url });
    let lane = await start(laneDir);

    value(await lane.api['lane.callHelp']({}));
    await eventually(
      'the kiosk says nobody answered',
      async () => value(await lane.api['lane.self']({})).help?.status === 'unanswered',
      8000,
    );
    // The lane still sells meanwhile.
    value(await lane.api['basket.addScan']({ code: piece().barcode, source: 'keypad' }));
    await stop(lane);
    lane = await start(laneDir);

    writeLaneSettings(first.dir, 'C01', 'attendant', { port, offlineSeconds: 2 });
    const back = await start(first.dir);
    const call = await eventually(
      'the waiting call at the console',
      async () => (await board(back)).queue.find((c) => c.laneId === 'K01' && c.kind === 'help') ?? null,
    );
    expect(call.delivered).toBe(true);
    expect((await laneOf(back, 'K01'))?.items).toBe(1);
    await eventually(
      'the lane sees it delivered',
      async () => value(await lane.api['lane.self']({})).help?.status === 'waiting',
    );
  });

  it('shows a lane offline soon after it stops, and online again when it returns', async () => {
    const { console, url } = await startConsole();
    const laneDir = dir('K03', 'kiosk', { console: url });
    const lane = await start(laneDir);
    await eventually('online', async () => (await laneOf(console, 'K03'))?.online === true);
    await stop(lane);
    const stoppedAt = Date.now();
    await eventually('offline', async () => (await laneOf(console, 'K03'))?.online === false, 5000);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await start(laneDir);
    await eventually('online again', async () => (await laneOf(console, 'K03'))?.online === true);
  });

  it('pauses and opens a lane from the console: a paused lane refuses scans and payments', async () => {
    const { console, url } = await startConsole();
    const lane = await start(dir('K01', 'kiosk', { console: url }));
    await eventually('online', async () => (await laneOf(console, 'K01'))?.online === true);
    value(await console.api['lanes.setMode']({ laneId: 'K01', mode: 'paused' }));
    expect((await laneOf(console, 'K01'))?.mode).toBe('paused');
    expect(value(await lane.api['lane.self']({})).mode).toBe('paused');
    const refused = await lane.api['basket.addScan']({ code: piece().barcode, source: 'keypad' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'lane_closed' } });
    expect(await lane.api['payment.start']({})).toMatchObject({ ok: false, error: { code: 'lane_closed' } });

    value(await console.api['lanes.setMode']({ laneId: 'K01', mode: 'open' }));
    value(await lane.api['basket.addScan']({ code: piece().barcode, source: 'keypad' }));
    const seen = value(await console.api['lanes.basket']({ laneId: 'K01' }));
    expect(seen.basket?.lines.map((line) => line.gtin)).toEqual([piece().gtin]);
  });

  it('raises an unknown item as an intervention, and refuses an age check from a badge the lane does not know', async () => {
    const { console, url } = await startConsole();
    const lane = await start(dir('K01', 'kiosk', { console: url }));
    await lane.api['basket.addScan']({ code: UNKNOWN_EAN, source: 'keypad' });
    const call = await eventually(
      'the unknown item at the console',
      async () => (await board(console)).queue.find((c) => c.kind === 'unknown-item') ?? null,
    );
    expect(call.detail).toContain(UNKNOWN_EAN);
    const age = await console.api['lanes.ageCheck']({
      laneId: 'K01',
      checkId: 'x',
      badge: 'STAFF-NOBODY',
      pin: '1234',
      approve: true,
      age: 30,
    });
    expect(age).toMatchObject({ ok: false, error: { code: 'staff_unknown' } });
  });

  it('refuses a lane with another key, and any unsigned request, on both ends', async () => {
    const { console, url } = await startConsole();
    const stranger = await start(dir('K09', 'kiosk', { console: url, key: OTHER_KEY }));
    const honest = await start(dir('K01', 'kiosk', { console: url }));
    await eventually('the honest lane online', async () => (await laneOf(console, 'K01'))?.online === true);
    expect(await laneOf(console, 'K09')).toBeUndefined();

    const unsigned = await fetch(new URL(REPORT_PATH, url), { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
    const body = JSON.stringify({ command: 'set-mode', mode: 'closed' });
    const wrongKey = await fetch(new URL(COMMAND_PATH, `http://127.0.0.1:${honest.laneLinkPort}`), {
      method: 'POST',
      headers: signedHeaders(OTHER_KEY, 'C01', { method: 'POST', path: COMMAND_PATH, body }),
      body,
    });
    expect(wrongKey.status).toBe(401);
    expect(value(await honest.api['lane.self']({})).mode).toBe('open');
    const fromBrowser = await fetch(new URL(REPORT_PATH, url), {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(fromBrowser.status).toBe(403);
    expect(stranger.laneLinkPort).not.toBeNull();
  });

  it('sells without its link when the link cannot listen, and says why', async () => {
    const { console } = await startConsole();
    const lane = await start(dir('K01', 'kiosk', { port: console.laneLinkPort! }));
    expect(lane.laneLinkPort).toBeNull();
    expect(value(await lane.api['lane.self']({})).link).toEqual({
      on: false,
      problem: expect.stringMatching(/cannot listen on 127\.0\.0\.1:\d+/),
    });
    value(await lane.api['basket.addScan']({ code: piece().barcode, source: 'keypad' }));
  });

  it('has no link at all without a store key, and says so', async () => {
    const lane = await start(dir('K01', 'kiosk', { key: null }));
    expect(lane.laneLinkPort).toBeNull();
    const self = value(await lane.api['lane.self']({}));
    expect(self.link).toEqual({ on: false, problem: expect.stringMatching(/No store key/) });
    expect(value(await lane.api['lane.callHelp']({})).help?.status).toBe('unanswered');
  });
});
