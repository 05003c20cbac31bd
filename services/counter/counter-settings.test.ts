import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../settings';

describe('settings.json `counter`', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-counter-settings-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (value: unknown) => writeFileSync(join(dir, 'settings.json'), JSON.stringify(value));

  it('gives a settings.json written before it the defaults: a cashier alone may give 10 % and close 5.00 out', () => {
    write({ storeName: 'Harbour Fresh' });
    expect(loadSettings(dir).counter).toEqual({
      idleLockSeconds: 300,
      cashRoundingIncrement: 1,
      limits: {
        cashier: { discountPercent: 10, cashDifference: 500 },
        supervisor: { discountPercent: 50, cashDifference: 5000 },
        manager: { discountPercent: 100, cashDifference: null },
      },
    });
  });

  it("keeps the store's own limits and fills the roles it left out", () => {
    write({
      counter: { cashRoundingIncrement: 10, limits: { cashier: { discountPercent: 0, cashDifference: 0 } } },
    });
    const { counter } = loadSettings(dir);
    expect(counter.cashRoundingIncrement).toBe(10);
    expect(counter.limits.cashier).toEqual({ discountPercent: 0, cashDifference: 0 });
    expect(counter.limits.supervisor.discountPercent).toBe(50);
  });

  it('refuses a limit that is not one, naming where', () => {
    write({ counter: { limits: { cashier: { discountPercent: 150, cashDifference: -1 } } } });
    expect(() => loadSettings(dir)).toThrow(SettingsError);
    expect(() => loadSettings(dir)).toThrow(
      /counter\.limits\.cashier\.discountPercent.*counter\.limits\.cashier\.cashDifference/s,
    );
    write({ counter: { cashRoundingIncrement: 0 } });
    expect(() => loadSettings(dir)).toThrow(/counter\.cashRoundingIncrement/);
  });
});
