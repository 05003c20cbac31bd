import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../web/http-util';
import { ProviderNotFoundError, ProviderRefusedError, ProviderUnavailableError } from '../provider';
import type { CreatePaymentRequest } from '../provider';
import { createSimulatorProvider } from './provider';
import { startPaymentSimulator } from './server';
import type { PaymentSimulator } from './server';

let sim: PaymentSimulator;
let seq = 0;

beforeAll(async () => {
  sim = await startPaymentSimulator({ port: 0 });
});
afterAll(() => sim.close());

function request(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  seq++;
  const expiresAt = new Date(Date.now() + 120_000).toISOString();
  return {
    reference: `s1-t2-${seq}`,
    amount: 2599,
    currency: 'CNY',
    description: 'Basket',
    expiresAt,
    ...overrides,
  };
}

/** What the shopper's phone does: press a button on the pay page. */
const press = (qrPayload: string, decision: 'approve' | 'decline') =>
  fetch(`${qrPayload}/${decision}`, { method: 'POST' });

describe('simulator provider', () => {
  it('creates a payment whose QR payload is the pay page, and queries it pending then paid', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const created = await provider.create(request());
    expect(created.qrPayload).toBe(`${sim.url}/pay/${created.providerRef}`);
    expect(await provider.query(created.providerRef)).toEqual({ status: 'pending' });
    await press(created.qrPayload, 'approve');
    expect(await provider.query(created.providerRef)).toEqual({ status: 'paid' });
  });

  it('gives the same providerRef when the same reference is created again', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const req = request();
    const a = await provider.create(req);
    const b = await provider.create(req);
    expect(b.providerRef).toBe(a.providerRef);
  });

  it('learns the outcome from waitForChange promptly after the shopper approves', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url, longPollMs: 10_000 });
    const { providerRef, qrPayload } = await provider.create(request());
    const started = Date.now();
    const waiting = provider.waitForChange(providerRef, 'pending', new AbortController().signal);
    setTimeout(() => void press(qrPayload, 'approve'), 100);
    expect(await waiting).toBe('paid');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('rejects waitForChange with the abort reason when the caller aborts', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url, longPollMs: 10_000 });
    const { providerRef } = await provider.create(request());
    const controller = new AbortController();
    const waiting = provider.waitForChange(providerRef, 'pending', controller.signal);
    setTimeout(() => controller.abort(new Error('kiosk reset')), 50);
    await expect(waiting).rejects.toThrow('kiosk reset');
  });

  it('reports a decline with its reason', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const { providerRef, qrPayload } = await provider.create(request());
    await press(qrPayload, 'decline');
    expect(await provider.query(providerRef)).toEqual({
      status: 'declined',
      reason: 'declined by the payer',
    });
  });

  it('cancels a pending payment, and a paid one stays paid', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const pending = await provider.create(request());
    expect(await provider.cancel(pending.providerRef)).toMatchObject({ status: 'cancelled' });
    const paid = await provider.create(request());
    await press(paid.qrPayload, 'approve');
    expect(await provider.cancel(paid.providerRef)).toEqual({ status: 'paid' });
  });

  it('throws ProviderRefusedError naming the field when the simulator refuses to create', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const error = await provider.create(request({ amount: -5 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRefusedError);
    expect((error as ProviderRefusedError).reason).toContain('amount: must be positive');
  });

  it('says so with ProviderNotFoundError for a payment the simulator does not know', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    for (const attempt of [
      () => provider.query('sim_missing'),
      () => provider.waitForChange('OL-never-seen', 'pending', new AbortController().signal),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderNotFoundError);
      expect((error as ProviderNotFoundError).reason).toMatch(
        /no payment with id "(sim_missing|OL-never-seen)"/,
      );
    }
  });
});

describe('simulator provider, customer-presented', () => {
  const charge = (authCode: string, overrides: Partial<CreatePaymentRequest> = {}) => ({
    ...request(overrides),
    authCode,
  });

  it('charges a wallet code: paid at once, pending for the phone, or declined with the reason', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const paid = await provider.charge(charge('134512345678901230'));
    expect(paid).toEqual({ providerRef: expect.stringMatching(/^sim_/), state: { status: 'paid' } });
    const pending = charge('134512345678901238');
    expect((await provider.charge(pending)).state).toEqual({ status: 'pending' });
    expect(await provider.query(pending.reference)).toEqual({ status: 'pending' });
    expect((await provider.charge(charge('2812345678901239'))).state).toEqual({
      status: 'declined',
      reason: 'insufficient balance',
    });
  });

  it('answers a repeated charge with the one charge already made, found by id or reference', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const req = charge('134512345678901231');
    const first = await provider.charge(req);
    const again = await provider.charge(req);
    expect(again).toEqual(first);
    expect(await provider.query(first.providerRef)).toEqual({ status: 'paid' });
    expect(await provider.query(req.reference)).toEqual({ status: 'paid' });
    expect(await provider.cancel(req.reference)).toEqual({ status: 'paid' });
  });

  it('reverses a reference it never saw, so a charge arriving with it later is never paid', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const req = charge('134512345678901232');
    expect(await provider.cancel(req.reference)).toMatchObject({ status: 'cancelled' });
    expect((await provider.charge(req)).state).toMatchObject({ status: 'cancelled' });
    expect((await provider.query(req.reference)).status).toBe('cancelled');
  });

  it('throws ProviderRefusedError for a charge the simulator refuses, without repeating the code', async () => {
    const provider = createSimulatorProvider({ baseUrl: sim.url });
    const error = await provider.charge(charge('13451234x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRefusedError);
    expect((error as ProviderRefusedError).reason).toContain('authCode: must be a wallet payment code');
    expect((error as ProviderRefusedError).reason).not.toContain('13451234x');
  });
});

describe('simulator provider when the simulator is unreachable', () => {
  it('throws ProviderUnavailableError (not a decline) when the simulator is down', async () => {
    const down = await startPaymentSimulator({ port: 0 });
    const provider = createSimulatorProvider({ baseUrl: down.url });
    const { providerRef } = await provider.create(request());
    await down.close();
    for (const attempt of [
      () => provider.query(providerRef),
      () => provider.create(request()),
      () => provider.charge({ ...request(), authCode: '134512345678901230' }),
      () => provider.cancel(providerRef),
      () => provider.waitForChange(providerRef, 'pending', new AbortController().signal),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).timedOut).toBe(false);
    }
  });

  describe('against a server that accepts but never answers', () => {
    let silent: Server;
    let url: string;
    beforeAll(async () => {
      silent = createServer(() => {});
      url = `http://127.0.0.1:${await listen(silent, 0, '127.0.0.1')}`;
    });
    afterAll(() => closeServer(silent));

    it('throws a timed-out ProviderUnavailableError after timeoutMs', async () => {
      const provider = createSimulatorProvider({ baseUrl: url, timeoutMs: 200 });
      const started = Date.now();
      const error = await provider.query('sim_x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).timedOut).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
