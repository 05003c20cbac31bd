// The simulator's fault modes, switched on through its admin endpoint, as a client over real HTTP sees them.
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../provider';
import { createSimulatorProvider } from './provider';
import { startPaymentSimulator, type PaymentSimulator } from './server';

let sim: PaymentSimulator;
let seq = 0;
afterEach(() => sim?.close());

/** A simulator started for tests: fault injection on. */
async function start(): Promise<PaymentSimulator> {
  sim = await startPaymentSimulator({ port: 0, testFaults: [] });
  return sim;
}

const faults = (method: string, body?: unknown) =>
  fetch(`${sim.url}/api/faults`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

function charge(authCode = '134512345678901230') {
  seq++;
  return {
    reference: `f-${seq}`,
    amount: 2390,
    currency: 'CNY',
    description: 'Basket',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    authCode,
  };
}

const record = async (reference: string) => {
  const response = await fetch(`${sim.url}/api/payments/${reference}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('a normal start', () => {
  it('has no fault injection: /api/faults is not there, whatever the method', async () => {
    sim = await startPaymentSimulator({ port: 0 });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await faults(method, method === 'POST' ? { mode: 'decline' } : undefined);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});

describe('the admin endpoint', () => {
  it('lists, adds and clears faults, and says what is wrong with a bad one', async () => {
    await start();
    expect(await (await faults('GET')).json()).toEqual({ faults: [] });
    const added = await faults('POST', { mode: 'slow', ms: 10, times: 2 });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ faults: [{ mode: 'slow', ms: 10, times: 2 }] });
    const bad = await faults('POST', { mode: 'flaky' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/mode: must be one of slow, timeout_before_charge/);
    expect(await (await faults('DELETE')).json()).toEqual({ faults: [] });
    expect(await (await faults('GET')).json()).toEqual({ faults: [] });
  });
});

describe('fault modes', () => {
  it('timeout_before_charge: the client times out and nothing was charged', async () => {
    await start();
    await faults('POST', { mode: 'timeout_before_charge', times: 1 });
    const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 300 });
    const request = charge();
    const error = await provider.charge(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((await record(request.reference)).status).toBe(404);
    // Used up: the same charge sent again is charged, once.
    expect((await provider.charge(request)).state.status).toBe('paid');
  });

  it('timeout_after_charge: the client times out, yet the charge was made; a repeat returns it', async () => {
    await start();
    await faults('POST', { mode: 'timeout_after_charge', times: 1 });
    const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 300 });
    const request = charge();
    await expect(provider.charge(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect((await record(request.reference)).body).toMatchObject({ status: 'paid', chargeRequests: 1 });
    expect((await provider.charge(request)).state.status).toBe('paid');
    expect((await record(request.reference)).body).toMatchObject({ chargeRequests: 2 });
  });

  it('decline: a code that would pay is declined by the bank, only for the amount it aims at', async () => {
    await start();
    await faults('POST', { mode: 'decline', amount: 2390 });
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    expect((await provider.charge(charge())).state).toEqual({
      status: 'declined',
      reason: 'declined by the bank',
    });
    expect((await provider.charge({ ...charge(), amount: 100 })).state.status).toBe('paid');
  });

  it('duplicate_notify: the change reaches the open long-poll, and again the next one, with one id', async () => {
    await start();
    await faults('POST', { mode: 'duplicate_notify', ms: 20 });
    const provider = createSimulatorProvider({ baseUrl: sim.url, longPollMs: 5000 });
    const request = charge('134512345678901237'); // waits for the phone
    const { providerRef } = await provider.charge(request);
    const waiting = provider.waitForChange(providerRef, 'pending', new AbortController().signal);
    const { body } = await record(request.reference);
    await fetch(`${body.payUrl as string}/approve`, { method: 'POST' });
    expect(await waiting).toBe('paid');
    await new Promise((resolve) => setTimeout(resolve, 60));
    // A client that already knows "paid" is told it again at once: the repeated notification.
    expect(await provider.waitForChange(providerRef, 'paid', new AbortController().signal)).toBe('paid');
    const after = (await record(request.reference)).body;
    expect(after).toMatchObject({ deliveries: 2, notificationId: expect.stringMatching(/^sim_/) });
  });

  it('late_notify: the long-poll hears of the change late, while a query knows it at once', async () => {
    await start();
    await faults('POST', { mode: 'late_notify', ms: 2000 });
    const provider = createSimulatorProvider({ baseUrl: sim.url, longPollMs: 5000 });
    const request = charge('134512345678901237');
    const { providerRef } = await provider.charge(request);
    let heard = false;
    const waiting = provider
      .waitForChange(providerRef, 'pending', new AbortController().signal)
      .then((status) => ((heard = true), status));
    await fetch(`${(await record(request.reference)).body.payUrl as string}/approve`, { method: 'POST' });
    expect(await provider.query(providerRef)).toEqual({ status: 'paid' });
    expect(heard).toBe(false);
    expect(await waiting).toBe('paid');
  });
});
