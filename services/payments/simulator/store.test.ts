// The simulator's state file holds every payment's reference and amount: like every file of the
// terminal's data directory, it is readable by its owner only.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createSimulatorStore } from './store';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('writes its state file readable by its owner only', () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-sim-store-'));
  const file = join(dir, 'payment-simulator.json');
  const store = createSimulatorStore({ file });
  try {
    const outcome = store.create({
      reference: 'ref-mode-1',
      amount: 1250,
      currency: 'CNY',
      description: 'Basket',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(outcome.kind).toBe('created');
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
  } finally {
    store.close();
  }
});
