// Refunds at the payment simulator, as the terminal's provider client meets them over real HTTP: whole
// and partial refunds of a paid payment, never twice under one refund reference, a clear declined
// reason for what cannot be refunded, the same doors as every endpoint, kept across a restart, and
// the fault modes (a lost answer, a refund that stays pending) a checkout must survive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../test/helpers/http-request';
import { ProviderNotFoundError, ProviderUnavailableError } from '../provider';
import type { PaymentProvider, RefundRequest } from '../provider';
import type { Fault } from './faults';
import { createSimulatorProvider } from './provider';
import { startPaymentSimulator, type PaymentSimulator } from './server';

const sims: PaymentSimulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { testFaults?: Fault[]; stateFile?: string } = {}) {
  const sim = await startPaymentSimulator({ port: 0, ...options });
  sims.push(sim);
  return { sim, provider: createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 }) };
}

let seq = 0;
/** A wallet code ending 0 pays at once (charges.ts): a paid payment of `amount`, its ref and reference. */
async function paid(provider: PaymentProvider, amount = 2390, currency = 'CNY') {
  const reference = `pay-${++seq}`;
  const { providerRef, state } = await provider.charge({
    reference,
    amount,
    currency,
    description: 'Basket',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    authCode: '134512345678901230',
  });
  expect(state.status).toBe('paid');
  return { providerRef, reference, amount };
}

function refundOf(
  payment: { providerRef: string; reference: string; amount: number },
  amount: number,
  overrides: Partial<RefundRequest> = {},
): RefundRequest {
  return {
    reference: `rf-${++seq}`,
    paymentProviderRef: payment.providerRef,
    paymentReference: payment.reference,
    amount,
    paymentAmount: payment.amount,
    currency: 'CNY',
    reason: 'tender taken back',
    ...overrides,
  };
}

/** The simulator's own record of a refund (what its refunds endpoint says). */
async function record(sim: PaymentSimulator, reference: string) {
  const response = await fetch(`${sim.url}/api/refunds/${encodeURIComponent(reference)}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const refunds = (provider: PaymentProvider) => {
  if (!provider.refunds) throw new Error('the simulator provider must offer refunds');
  return provider.refunds;
};

describe('refunds at the simulator', () => {
  it('gives a paid payment back whole, and a repeat of the same refund gives nothing more', async () => {
    const { sim, provider } = await start();
    const payment = await paid(provider);
    const request = refundOf(payment, 2390);
    const first = await refunds(provider).refund(request);
    expect(first).toEqual({ refundRef: expect.stringMatching(/^simr_/), status: 'paid' });
    expect(await refunds(provider).queryRefund(request.reference)).toEqual(first);
    expect(await refunds(provider).refund(request)).toEqual(first);
    expect((await record(sim, request.reference)).body).toMatchObject({
      paymentReference: payment.reference,
      amount: 2390,
      requests: 2,
      refunded: 2390,
      reason: 'tender taken back',
    });
  });

  it('refunds in parts up to what the payment took, and declines one minor unit more', async () => {
    const { sim, provider } = await start();
    const payment = await paid(provider);
    expect((await refunds(provider).refund(refundOf(payment, 1000))).status).toBe('paid');
    expect((await refunds(provider).refund(refundOf(payment, 1390))).status).toBe('paid');
    const over = refundOf(payment, 1);
    expect(await refunds(provider).refund(over)).toEqual({
      refundRef: null,
      status: 'declined',
      reason: `payment "${payment.reference}" has 0 of 2390 left to refund; 1 is more (minor units)`,
    });
    // A refusal is not a refund: nothing is kept under its reference, and the payment still took 2390.
    await expect(refunds(provider).queryRefund(over.reference)).rejects.toBeInstanceOf(ProviderNotFoundError);
    expect(await provider.query(payment.providerRef)).toEqual({ status: 'paid' });
    const partial = refundOf(await paid(provider), 2391);
    expect((await refunds(provider).refund(partial)).reason).toMatch(/has 2390 of 2390 left to refund; 2391/);
    expect((await record(sim, partial.reference)).status).toBe(404);
  });

  it('declines, with the reason, a payment not paid and a refund in another currency', async () => {
    const { provider } = await start();
    const waiting = await provider.charge({
      reference: `pay-${++seq}`,
      amount: 990,
      currency: 'CNY',
      description: 'Basket',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      authCode: '134512345678901237', // the shopper has yet to confirm on the phone
    });
    expect(waiting.state.status).toBe('pending');
    const unpaid = { providerRef: waiting.providerRef, reference: '', amount: 990 };
    expect(
      await refunds(provider).refund(refundOf(unpaid, 990, { paymentReference: undefined })),
    ).toMatchObject({
      status: 'declined',
      reason: expect.stringMatching(/is pending, not paid: there is nothing to refund$/),
    });
    await provider.cancel(waiting.providerRef);
    expect(
      (await refunds(provider).refund(refundOf(unpaid, 990, { paymentReference: undefined }))).reason,
    ).toMatch(/is cancelled \(cancelled by the merchant\), not paid/);

    const payment = await paid(provider, 990);
    expect((await refunds(provider).refund(refundOf(payment, 990, { currency: 'EUR' }))).reason).toBe(
      `payment "${payment.reference}" was paid in CNY; a refund in EUR cannot be made`,
    );
    expect((await refunds(provider).refund(refundOf(payment, 990, { paymentAmount: 1990 }))).reason).toBe(
      `payment "${payment.reference}" took 990, not 1990 (minor units)`,
    );
    expect(
      (await refunds(provider).refund(refundOf(payment, 990, { paymentReference: 'other' }))).reason,
    ).toMatch(/was made under reference "pay-\d+", not "other"/);
    expect((await refunds(provider).refund(refundOf(payment, 990))).status).toBe('paid');
  });

  it('never reuses a refund reference for another amount: the first refund stands', async () => {
    const { sim, provider } = await start();
    const payment = await paid(provider);
    const request = refundOf(payment, 500);
    await refunds(provider).refund(request);
    expect(await refunds(provider).refund({ ...request, amount: 700 })).toMatchObject({
      status: 'declined',
      reason: expect.stringContaining(`refund reference "${request.reference}" was already used for 500 CNY`),
    });
    expect((await record(sim, request.reference)).body).toMatchObject({ amount: 500, refunded: 500 });
  });

  it('says ProviderNotFoundError for a payment or a refund reference it never saw', async () => {
    const { provider } = await start();
    const error = await refunds(provider)
      .refund(refundOf({ providerRef: 'sim_missing', reference: 'pay-x', amount: 100 }, 100))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderNotFoundError);
    expect((error as ProviderNotFoundError).reason).toBe('no payment with id or reference "sim_missing"');
    await expect(refunds(provider).queryRefund('rf-never')).rejects.toThrow(
      'no refund with reference "rf-never"',
    );
  });

  it('answers a bad request with 400 naming the field, and a wrong method with 405 — never a 500', async () => {
    const { sim, provider } = await start();
    const payment = await paid(provider);
    const post = (body: string) =>
      fetch(`${sim.url}/api/refunds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const cases: [string, RegExp][] = [
      ['{', /the body is not JSON/],
      [
        JSON.stringify({ reference: 'r', payment: payment.providerRef, amount: 10.5, currency: 'CNY' }),
        /amount: must be a whole number/,
      ],
      [
        JSON.stringify({ reference: 'r', payment: payment.providerRef, amount: -1, currency: 'CNY' }),
        /amount: must be positive/,
      ],
      [
        JSON.stringify({ reference: '', payment: payment.providerRef, amount: 1, currency: 'cny' }),
        /reference: must not be empty.*currency: must be 3 capital letters/s,
      ],
      [
        JSON.stringify({
          reference: 'r',
          payment: payment.providerRef,
          amount: 1,
          currency: 'CNY',
          extra: 1,
        }),
        /extra/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    expect((await fetch(`${sim.url}/api/refunds`)).status).toBe(405);
    expect((await fetch(`${sim.url}/api/refunds/x`, { method: 'POST' })).status).toBe(405);
    expect(await provider.query(payment.providerRef)).toEqual({ status: 'paid' });
  });

  it('keeps the doors of every endpoint: a foreign page or a rebound name refunds nothing', async () => {
    const { sim, provider } = await start();
    const payment = await paid(provider);
    const port = Number(new URL(sim.url).port);
    const body = JSON.stringify({
      reference: 'rf-door',
      payment: payment.providerRef,
      amount: 100,
      currency: 'CNY',
    });
    const headers = { 'Content-Type': 'application/json' };
    const foreign = await rawRequest('127.0.0.1', port, {
      path: '/api/refunds',
      headers: { ...headers, Host: `127.0.0.1:${port}`, Origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error).toMatchObject({ code: 'forbidden_origin' });
    const rebound = await rawRequest('127.0.0.1', port, {
      path: '/api/refunds',
      headers: { ...headers, Host: `rebound.example:${port}` },
      body,
    });
    expect(rebound.status).toBe(421);
    expect((await record(sim, 'rf-door')).status).toBe(404);
  });
});

describe('refunds kept across a restart', () => {
  it('still knows a refund after a restart, and never gives it twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openlane-sim-refunds-'));
    dirs.push(dir);
    const stateFile = join(dir, 'payment-simulator.json');
    const first = await start({ stateFile, testFaults: [] });
    const payment = await paid(first.provider);
    const done = refundOf(payment, 1000);
    const made = await refunds(first.provider).refund(done);
    await fetch(`${first.sim.url}/api/faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'refund_pending', ms: 400 }),
    });
    const slow = refundOf(payment, 1390);
    expect((await refunds(first.provider).refund(slow)).status).toBe('pending');
    await first.sim.close();
    sims.splice(0);

    const second = await start({ stateFile });
    expect(await refunds(second.provider).queryRefund(done.reference)).toEqual(made);
    expect(await refunds(second.provider).refund(done)).toEqual(made);
    // The refund pending at the restart goes through after it, as it would have.
    await expect
      .poll(async () => (await refunds(second.provider).queryRefund(slow.reference)).status, {
        timeout: 10_000,
      })
      .toBe('paid');
    expect((await refunds(second.provider).refund(refundOf(payment, 1))).reason).toMatch(
      /has 0 of 2390 left/,
    );
  });
});

describe('refund faults', () => {
  const faulted = async (fault: Fault) => {
    const started = await start({ testFaults: [fault] });
    return { ...started, short: createSimulatorProvider({ baseUrl: started.sim.url, timeoutMs: 300 }) };
  };

  it('timeout_after_charge: the refund is made, its answer lost; asking again finds it, once', async () => {
    const { sim, provider, short } = await faulted({
      mode: 'timeout_after_charge',
      reference: 'rf-lost',
      times: 1,
    });
    const payment = await paid(provider);
    const request = refundOf(payment, 2390, { reference: 'rf-lost' });
    const error = await refunds(short)
      .refund(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).timedOut).toBe(true);
    expect((await refunds(provider).queryRefund(request.reference)).status).toBe('paid');
    expect((await refunds(provider).refund(request)).status).toBe('paid');
    expect((await record(sim, request.reference)).body).toMatchObject({ requests: 2, refunded: 2390 });
  });

  it('timeout_before_charge: the refund never arrived; the same refund sent again is made', async () => {
    const { provider, short } = await faulted({
      mode: 'timeout_before_charge',
      reference: 'rf-gone',
      times: 1,
    });
    const payment = await paid(provider);
    const request = refundOf(payment, 500, { reference: 'rf-gone' });
    await expect(refunds(short).refund(request)).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(refunds(provider).queryRefund(request.reference)).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    expect((await refunds(provider).refund(request)).status).toBe('paid');
  });

  it('refund_pending: pending at first, then paid without being asked again', async () => {
    const { provider } = await faulted({ mode: 'refund_pending', ms: 300 });
    const payment = await paid(provider);
    const request = refundOf(payment, 700);
    expect(await refunds(provider).refund(request)).toMatchObject({ status: 'pending' });
    await expect
      .poll(async () => (await refunds(provider).queryRefund(request.reference)).status, { timeout: 10_000 })
      .toBe('paid');
  });

  it('decline: the bank turns the refund down; it gave nothing back, so the whole amount is still there', async () => {
    const { provider } = await faulted({ mode: 'decline', reference: 'rf-bank' });
    const payment = await paid(provider);
    const declined = refundOf(payment, 2390, { reference: 'rf-bank' });
    expect(await refunds(provider).refund(declined)).toEqual({
      refundRef: expect.stringMatching(/^simr_/),
      status: 'declined',
      reason: 'refund declined by the bank',
    });
    expect((await refunds(provider).queryRefund(declined.reference)).status).toBe('declined');
    expect((await refunds(provider).refund(refundOf(payment, 2390))).status).toBe('paid');
  });
});
