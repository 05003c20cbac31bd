import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalEvent } from '../api/contract';
import { createEventHub } from '../events';
import { scaleSettingsSchema } from './scale-settings';
import { createTerminalScale, readingView, WEIGH_LEASE_MS } from './terminal-scale';

const settings = scaleSettingsSchema.parse({ path: '/dev/ttyUSB0', minimumWeightGrams: 20 })!;

afterEach(() => {
  vi.useRealTimers();
});

describe('readingView', () => {
  it('sells from the store’s minimum up, and shows a lighter stable weight as too light', () => {
    expect(readingView({ state: 'stable', grams: 20, at: 0 }, 20)).toEqual({ state: 'stable', grams: 20 });
    expect(readingView({ state: 'stable', grams: 19, at: 0 }, 20)).toEqual({ state: 'too-light', grams: 19 });
    expect(readingView({ state: 'motion', grams: null, at: 0 }, 20)).toEqual({
      state: 'motion',
      grams: null,
    });
  });
});

describe('scale settings', () => {
  it('default to Magellan at 9600 7-O-1, 20 g, and refuse what is out of range by name', () => {
    expect(settings).toMatchObject({ protocol: 'magellan', baudRate: 9600, dataBits: 7, parity: 'odd' });
    const bad = scaleSettingsSchema.safeParse({ path: '/dev/ttyUSB0', minimumWeightGrams: 0 });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('minimumWeightGrams');
    expect(scaleSettingsSchema.safeParse({ path: '/dev/ttyUSB0', protocol: 'ncr' }).success).toBe(false);
  });
});

describe('createTerminalScale', () => {
  it('opens the scanner-scale as a scanner only when no --scanner names its port', () => {
    const scale = createTerminalScale(settings, createEventHub());
    expect(scale.scannerPort([])).toEqual({ path: '/dev/ttyUSB0', baudRate: 9600 });
    expect(scale.scannerPort([{ path: '/dev/ttyUSB0' }])).toBeNull();
    expect(scale.lineFor('/dev/ttyUSB0')).toMatchObject({ dataBits: 7, parity: 'odd', stopBits: 1 });
    expect(scale.lineFor('/dev/ttyACM0')).toEqual({});
  });

  it('stops asking the scale when a weighing is not renewed within the lease', () => {
    vi.useFakeTimers();
    const events: TerminalEvent[] = [];
    const hub = createEventHub();
    hub.subscribe((event) => events.push(event));
    const scale = createTerminalScale(settings, hub);
    const written: string[] = [];
    scale.attach([{ path: '/dev/ttyUSB0', write: (text) => (written.push(text), true) }]);
    scale.lineFor('/dev/ttyUSB0').protocol!.lineStatus!(true);
    scale.startPolling();
    vi.advanceTimersByTime(WEIGH_LEASE_MS - 1000);
    scale.startPolling(); // the weigh screen renews
    vi.advanceTimersByTime(WEIGH_LEASE_MS - 1000);
    const before = written.length;
    vi.advanceTimersByTime(1000);
    expect(written.length).toBeGreaterThan(before); // still within the renewed lease
    vi.advanceTimersByTime(2000);
    const after = written.length;
    vi.advanceTimersByTime(10_000);
    expect(written.length).toBe(after); // the lease ran out: the line is the scanner's again
    // A silent scale said so while it was asked.
    expect(events).toContainEqual({
      type: 'scale.reading',
      reading: { state: 'not-answering', grams: null },
    });
  });

  it('never sells the last weighing’s weight: a new weighing waits for the scale to answer again', () => {
    vi.useFakeTimers();
    const events: TerminalEvent[] = [];
    const hub = createEventHub();
    hub.subscribe((event) => events.push(event));
    const scale = createTerminalScale(settings, hub);
    const line = scale.lineFor('/dev/ttyUSB0').protocol!;
    scale.attach([{ path: '/dev/ttyUSB0', write: () => true }]);
    line.lineStatus!(true);
    scale.startPolling();
    line.frame('S14401234');
    expect(scale.sellableGrams()).toBe(1234);
    scale.stopPolling();
    expect(scale.sellableGrams()).toBeNull(); // nobody is weighing
    scale.startPolling();
    expect(scale.reading()).toEqual({ state: 'motion', grams: null });
    expect(scale.sellableGrams()).toBeNull();
    events.length = 0;
    line.frame('S14401234'); // the same weight, said again: reported, and sellable
    expect(events).toEqual([{ type: 'scale.reading', reading: { state: 'stable', grams: 1234 } }]);
    expect(scale.sellableGrams()).toBe(1234);
    scale.stopPolling();
  });
});
