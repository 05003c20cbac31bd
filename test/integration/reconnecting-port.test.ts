// The lifecycle the scanner and the printer share, on real kernel pseudo-terminals made by socat:
// the hooks' contract (one status per change, opened() once per connection, bytes to data()) and
// the owner's own listeners surviving a lost port. The devices' own behaviour is tested in
// serial-scanner.test.ts and receipt-printer.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectingPort } from '../../native/serial/reconnecting-port';
import type { PortState } from '../../native/serial/reconnecting-port';
import { startPtyPair } from '../helpers/socat';
import type { PtyPair } from '../helpers/socat';

const WAIT = { timeout: 5000, interval: 5 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let cleanups: (() => Promise<void>)[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-port-'));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function pair(): Promise<PtyPair> {
  const started = await startPtyPair(dir);
  cleanups.push(() => started.kill());
  return started;
}

/** A port on `dir`/dev with short delays, and everything its hooks heard. */
function watchedPort() {
  const states: PortState[] = [];
  let opened = 0;
  let bytes = '';
  const port = new ReconnectingPort(
    { path: join(dir, 'dev'), baudRate: 9600, retryMinMs: 10, retryMaxMs: 40 },
    {
      status: (state) => states.push(state),
      opened: () => opened++,
      data: (chunk) => (bytes += chunk.toString()),
    },
  );
  cleanups.push(() => port.stop());
  return {
    port,
    states,
    opened: () => opened,
    bytes: () => bytes,
    waitFor: (connected: boolean, after = 0) =>
      vi.waitFor(() => {
        const found = states.slice(after).find((s) => s.connected === connected);
        if (!found) throw new Error(`no state connected=${connected} yet: ${JSON.stringify(states)}`);
        return found;
      }, WAIT),
  };
}

describe('ReconnectingPort on socat ptys', () => {
  it('waits quietly for a missing device, then opens it and hands over what it sends', async () => {
    const watched = watchedPort();
    watched.port.start();
    const missing = await watched.waitFor(false);
    expect(missing.error).toContain(join(dir, 'dev'));
    expect(watched.port.openPort).toBeNull();
    // Dozens of attempts at these delays, and the same error each time: one state, not one per try.
    await sleep(300);
    expect(watched.states).toHaveLength(1);

    const device = await pair();
    await watched.waitFor(true);
    expect(watched.port.state).toEqual({ connected: true, error: null });
    expect(watched.port.openPort?.isOpen).toBe(true);
    expect(watched.opened()).toBe(1);
    device.write('hello\r\n');
    await vi.waitFor(() => expect(watched.bytes()).toBe('hello\r\n'), WAIT);
  });

  it('reconnects after an unplug with a fresh opened(), and stop() ends the retries', async () => {
    const device = await pair();
    const watched = watchedPort();
    watched.port.start();
    await watched.waitFor(true);

    // The owner's own listener (the printer's print in flight) must hear the port go away.
    const ownerHeardClose = vi.fn();
    watched.port.openPort?.once('close', ownerHeardClose);
    const seen = watched.states.length;
    await device.kill();
    const lost = await watched.waitFor(false, seen);
    expect(lost.error).toEqual(expect.any(String));
    expect(ownerHeardClose).toHaveBeenCalledTimes(1);
    expect(watched.port.openPort).toBeNull();

    const beforeReturn = watched.states.length;
    await device.restart();
    await watched.waitFor(true, beforeReturn);
    expect(watched.opened()).toBe(2);

    await watched.port.stop();
    expect(watched.states.at(-1)).toEqual({ connected: false, error: null });
    const afterStop = watched.states.length;
    await device.restart();
    await sleep(200);
    expect(watched.states).toHaveLength(afterStop);
    expect(watched.opened()).toBe(2);
  });
});
