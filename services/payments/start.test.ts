// Which provider a terminal starts with, and when the simulator may face the network: only with --demo,
// and then with a warning; in a normal start it has no fault injection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings';
import { DemoRequiredError, startPayments, type StartedPayments } from './start';

const started: StartedPayments[] = [];
let dir: string;
afterEach(async () => {
  vi.restoreAllMocks();
  for (const payments of started.splice(0)) await payments.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(host: string, extra: { demo?: boolean; testFaults?: boolean } = {}) {
  dir = mkdtempSync(join(tmpdir(), 'openlane-payments-'));
  const payments = await startPayments(DEFAULT_SETTINGS, {
    host,
    stateFile: join(dir, 'payment-simulator.json'),
    dataDir: dir,
    ...extra,
  });
  started.push(payments);
  return payments;
}

/** The built-in simulator's URL, as the provider's pay pages name it. */
async function simulatorUrl(payments: StartedPayments): Promise<string> {
  const created = await payments.provider.create({
    reference: `start-${Date.now()}`,
    amount: 100,
    currency: 'CNY',
    description: 'x',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  return new URL(created.qrPayload).origin;
}

describe('startPayments', () => {
  it('runs the built-in simulator on loopback in training mode, with no fault injection', async () => {
    const payments = await start('127.0.0.1');
    expect(payments.training).toBe(true);
    expect(payments.provider.name).toBe('simulator');
    const faults = await fetch(`${await simulatorUrl(payments)}/api/faults`, { method: 'POST', body: '{}' });
    expect(faults.status).toBe(404);
  });

  it('switches fault injection on only when started for tests', async () => {
    const payments = await start('127.0.0.1', { testFaults: true });
    const faults = await fetch(`${await simulatorUrl(payments)}/api/faults`);
    expect(faults.status).toBe(200);
  });

  it('refuses to put the simulator on the network without --demo, saying why and what to do', async () => {
    const refused = start('0.0.0.0');
    await expect(refused).rejects.toThrow(DemoRequiredError);
    await expect(refused).rejects.toThrow(
      /would listen on 0\.0\.0\.0, where anyone on the network could approve payments.*--demo.*"wechatpay".*127\.0\.0\.1/,
    );
  });

  it('with --demo puts it there, warning that anyone on the network can approve payments', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const payments = await start('0.0.0.0', { demo: true });
    expect(payments.training).toBe(true);
    expect(warn.mock.calls.join('\n')).toMatch(/demo mode.*Anyone on this network can approve/s);
  });
});
