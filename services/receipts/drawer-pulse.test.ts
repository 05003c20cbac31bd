// The cash drawer pulse, byte for byte against Epson's ESC p ("Generate pulse"): 1B 70 m t1 t2, m = 0 for
// connector pin 2 and 1 for pin 5, times in 2 ms units.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAWER_PULSE, drawerPulseBytes, type DrawerPin } from './escpos';

describe('drawerPulseBytes', () => {
  it("matches Epson's own program example, ESC p 0 25 250, for the default pulse", () => {
    expect([...drawerPulseBytes(DEFAULT_DRAWER_PULSE)]).toEqual([0x1b, 0x70, 0x00, 25, 250]);
  });

  it.each([
    // pin, on ms, off ms → bytes
    [2, 2, 2, [0x1b, 0x70, 0x00, 0x01, 0x01]],
    [5, 100, 200, [0x1b, 0x70, 0x01, 0x32, 0x64]],
    [2, 120, 240, [0x1b, 0x70, 0x00, 0x3c, 0x78]],
    [5, 510, 510, [0x1b, 0x70, 0x01, 0xff, 0xff]],
  ] as const)('pin %i, %i ms on, %i ms off', (pin, onMs, offMs, bytes) => {
    expect([...drawerPulseBytes({ pin, onMs, offMs })]).toEqual(bytes);
  });

  it.each([
    [{ pin: 3 as DrawerPin, onMs: 50, offMs: 500 }, 'drawer pin must be 2 or 5, got 3'],
    [{ pin: 2, onMs: 0, offMs: 500 }, 'onMs must be a whole number of 2 ms steps from 2 to 510 ms, got 0'],
    [{ pin: 2, onMs: 51, offMs: 500 }, 'onMs must be a whole number of 2 ms steps from 2 to 510 ms, got 51'],
    [
      { pin: 2, onMs: 512, offMs: 512 },
      'onMs must be a whole number of 2 ms steps from 2 to 510 ms, got 512',
    ],
    [
      { pin: 2, onMs: 50, offMs: 1000 },
      'offMs must be a whole number of 2 ms steps from 0 to 510 ms, got 1000',
    ],
    [
      { pin: 2, onMs: 50, offMs: Number.NaN },
      'offMs must be a whole number of 2 ms steps from 0 to 510 ms, got NaN',
    ],
    [{ pin: 5, onMs: 200, offMs: 100 }, 'offMs (100) must be at least onMs (200)'],
  ] as const)('refuses %o: %s', (pulse, message) => {
    expect(() => drawerPulseBytes(pulse)).toThrow(new RangeError(message));
  });
});
