import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentSimulator } from './server';
import type { PaymentSimulator } from './server';

let sim: PaymentSimulator;
let seq = 0;

beforeAll(async () => {
  sim = await startPaymentSimulator({ port: 0, merchantName: 'Test Mart Nanjing Rd' });
});
afterAll(() => sim.close());

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
function order(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    reference: `s1-t1-${seq}`,
    amount: 1234,
    currency: 'CNY',
    description: 'Groceries',
    expiresAt: inMinutes(2),
    ...overrides,
  };
}

async function create(body: unknown) {
  const res = await fetch(`${sim.url}/api/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { id: string; payUrl: string; error?: { message: string } },
  };
}

async function getPayment(id: string, query = '') {
  const res = await fetch(`${sim.url}/api/payments/${id}${query}`);
  return {
    status: res.status,
    body: (await res.json()) as { status: string; reason: string | null; amount: number },
  };
}

const decide = (payUrl: string, decision: 'approve' | 'decline') =>
  fetch(`${payUrl}/${decision}`, { method: 'POST' });

describe('payment simulator', () => {
  it('creates a payment whose pay page shows merchant, amount and both buttons; approving makes it paid', async () => {
    const created = await create(order());
    expect(created.status).toBe(201);
    expect(created.body.payUrl).toBe(`${sim.url}/pay/${created.body.id}`);

    const page = await fetch(created.body.payUrl);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Test Mart Nanjing Rd');
    expect(html).toContain('CN¥12.34');
    expect(html).toMatch(/<button[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button[^>]*>Decline<\/button>/);

    const approved = await decide(created.body.payUrl, 'approve');
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Payment approved');
    const after = await getPayment(created.body.id);
    expect(after.body).toMatchObject({ id: created.body.id, status: 'paid', amount: 1234, currency: 'CNY' });
  });

  it('records a decline with its reason', async () => {
    const { body } = await create(order({ amount: 500, currency: 'JPY' }));
    expect(await (await fetch(body.payUrl)).text()).toContain('¥500');
    const declined = await decide(body.payUrl, 'decline');
    expect(await declined.text()).toContain('Payment declined');
    expect((await getPayment(body.id)).body).toMatchObject({
      status: 'declined',
      reason: 'declined by the payer',
    });
  });

  it('is idempotent on the reference: the same reference is the same payment, never a second charge', async () => {
    const first = order();
    const a = await create(first);
    await decide(a.body.payUrl, 'approve');
    const b = await create(first);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect((await getPayment(b.body.id)).body.status).toBe('paid');
    const conflict = await create({ ...first, amount: 9999 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.message).toContain(first.reference);
  });

  it('answers a long-poll as soon as the status changes, not when the wait ends', async () => {
    const { body } = await create(order());
    const started = Date.now();
    const polling = getPayment(body.id, '?waitMs=10000&status=pending');
    await new Promise((r) => setTimeout(r, 150));
    await decide(body.payUrl, 'approve');
    const answer = await polling;
    expect(answer.body.status).toBe('paid');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('ends a long-poll with the unchanged status when the wait runs out', async () => {
    const { body } = await create(order());
    const started = Date.now();
    const answer = await getPayment(body.id, '?waitMs=300&status=pending');
    expect(answer.body.status).toBe('pending');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('cancels a pending payment, then refuses approve with 409 and a clear message', async () => {
    const { body } = await create(order());
    const cancel = await fetch(`${sim.url}/api/payments/${body.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { status: string }).status).toBe('cancelled');
    const approve = await decide(body.payUrl, 'approve');
    expect(approve.status).toBe(409);
    expect(await approve.text()).toContain('Cannot approve: payment is already cancelled');
    expect((await getPayment(body.id)).body.status).toBe('cancelled');
  });

  it('refuses to cancel a paid payment and says how it finished', async () => {
    const { body } = await create(order());
    await decide(body.payUrl, 'approve');
    const cancel = await fetch(`${sim.url}/api/payments/${body.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(409);
    expect(await cancel.json()).toMatchObject({
      error: { code: 'not_pending' },
      payment: { status: 'paid' },
    });
  });

  it('cancels a payment when it expires, waking a long-poll', async () => {
    const { body } = await create(order({ expiresAt: new Date(Date.now() + 300).toISOString() }));
    const answer = await getPayment(body.id, '?waitMs=5000&status=pending');
    expect(answer.body).toMatchObject({ status: 'cancelled', reason: 'expired' });
  });

  it.each([
    [{ amount: 12.5 }, 'amount: must be a whole number of minor units'],
    [{ amount: 0 }, 'amount: must be positive'],
    [{ amount: 10 ** 10 + 1 }, 'amount: must be at most 10000000000'],
    [{ currency: 'yuan' }, 'currency: must be 3 capital letters'],
    [{ reference: 'r'.repeat(65) }, 'reference: must be at most 64 characters'],
    [{ expiresAt: 'tomorrow' }, 'expiresAt: must be an ISO 8601 date-time'],
    [{ expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt: is already in the past'],
    [{ tip: 5 }, 'Unrecognized key: "tip"'],
  ])('answers 400 naming the field for %j', async (overrides, message) => {
    const res = await create(order(overrides));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain(message);
  });

  it('answers 400 to a body that is not JSON and 404 to an unknown payment', async () => {
    const bad = await fetch(`${sim.url}/api/payments`, { method: 'POST', body: 'amount=5' });
    expect(bad.status).toBe(400);
    expect((await getPayment('sim_nope')).status).toBe(404);
    expect((await fetch(`${sim.url}/pay/sim_nope`)).status).toBe(404);
  });

  it('escapes what the merchant sent when it shows it on the pay page', async () => {
    const { body } = await create(order({ description: '<script>alert(1)</script>' }));
    const html = await (await fetch(body.payUrl)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});

describe('payment simulator with a public base URL', () => {
  it('puts the public address in payUrl for phones on the LAN', async () => {
    const lan = await startPaymentSimulator({ port: 0, publicBaseUrl: 'http://192.168.1.50:7070/' });
    try {
      const res = await fetch(`${lan.url}/api/payments`, { method: 'POST', body: JSON.stringify(order()) });
      const body = (await res.json()) as { id: string; payUrl: string };
      expect(body.payUrl).toBe(`http://192.168.1.50:7070/pay/${body.id}`);
    } finally {
      await lan.close();
    }
  });
});

describe('payment simulator, customer-presented charges', () => {
  const charge = (authCode: string, overrides: Record<string, unknown> = {}, base = sim.url) =>
    fetch(`${base}/api/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authCode, ...order(overrides) }),
    }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & {
        id: string;
        status: string;
        reference: string;
        payUrl: string;
        error?: { code: string; message: string };
        payment?: { status: string };
      },
    }));

  it.each([
    ['134512345678901230', 'paid', null],
    ['134512345678901236', 'paid', null],
    ['134512345678901237', 'pending', null],
    ['134512345678901238', 'pending', null],
    ['134512345678901239', 'declined', 'insufficient balance'],
  ])('answers a code ending in its last digit: %s is %s', async (code, status, reason) => {
    const res = await charge(code);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status,
      reason,
      method: 'customer_presented',
      maskedCode: `1345****${code.slice(-4)}`,
      amount: 1234,
    });
    expect(JSON.stringify(res.body)).not.toContain(code);
  });

  it('lets the shopper confirm a pending charge on its pay page, which shows the masked code', async () => {
    const { body } = await charge('134512345678901237');
    const html = await (await fetch(body.payUrl)).text();
    expect(html).toContain('1345****1237');
    expect(html).toMatch(/<button[^>]*>Approve<\/button>/);
    expect((await decide(body.payUrl, 'approve')).status).toBe(200);
    expect((await getPayment(body.reference)).body.status).toBe('paid');
  });

  it('is idempotent on the reference: a repeat answers with the same charge, a different amount is a conflict', async () => {
    const first = order();
    const a = await charge('134512345678901237', first);
    const b = await charge('134512345678901230', first); // even a different code charges nothing more
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ id: a.body.id, status: 'pending' });
    const conflict = await charge('134512345678901230', { ...first, amount: 9999 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.code).toBe('reference_conflict');
    const qr = await create(order({ reference: 'qr-then-code' }));
    expect(qr.status).toBe(201);
    expect((await charge('134512345678901230', order({ reference: 'qr-then-code' }))).status).toBe(409);
  });

  it('reverses a reference it never saw: recorded as cancelled, and a late charge with it is refused', async () => {
    const late = order();
    const cancel = await fetch(`${sim.url}/api/payments/${late.reference}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ reference: late.reference, status: 'cancelled' });
    const refused = await charge('134512345678901230', late);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { code: 'reference_closed' },
      payment: { status: 'cancelled' },
    });
    expect((await getPayment(late.reference)).body.status).toBe('cancelled');
    // An id of ours that does not exist is still just not found.
    expect((await fetch(`${sim.url}/api/payments/sim_nope/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('cancels a pending charge by reference, and the shopper can no longer approve it', async () => {
    const { body } = await charge('134512345678901238');
    const cancel = await fetch(`${sim.url}/api/payments/${body.reference}/cancel`, { method: 'POST' });
    expect(((await cancel.json()) as { status: string }).status).toBe('cancelled');
    expect((await decide(body.payUrl, 'approve')).status).toBe(409);
  });

  it.each([
    [{ authCode: '1345-1234' }, 'authCode: must be a wallet payment code of 10 to 32 digits'],
    [{ authCode: 134512345678901230 }, 'authCode: must be a string'],
    [{ reference: 'sim_x' }, 'reference: must not start with "sim_"'],
    [{ amount: 0 }, 'amount: must be positive'],
  ])('answers 400 naming the field for %j, never repeating the code', async (overrides, message) => {
    const res = await charge('134512345678901230', overrides);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain(message);
    expect(res.body.error?.message).not.toMatch(/\d{10}/);
  });

  it('approves a pending charge by itself after confirmAfterMs, and lists what waits on its front page', async () => {
    const auto = await startPaymentSimulator({ port: 0, confirmAfterMs: 300 });
    try {
      const { body } = await charge('134512345678901237', {}, auto.url);
      expect(body.status).toBe('pending');
      const front = await (await fetch(`${auto.url}/`)).text();
      expect(front).toContain(`/pay/${body.id}`);
      expect(front).toContain('1345****1237');
      const res = await fetch(`${auto.url}/api/payments/${body.id}?waitMs=5000&status=pending`);
      expect(((await res.json()) as { status: string }).status).toBe('paid');
    } finally {
      await auto.close();
    }
  });

  it('keeps charges across a restart, with only the masked code in its state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openlane-sim-'));
    const stateFile = join(dir, 'sim.json');
    try {
      const first = await startPaymentSimulator({ port: 0, stateFile });
      const { body } = await charge('134512345678901237', {}, first.url);
      await first.close();
      expect(readFileSync(stateFile, 'utf8')).not.toContain('134512345678901237');
      const second = await startPaymentSimulator({ port: 0, stateFile });
      try {
        const res = await fetch(`${second.url}/api/payments/${body.reference}`);
        expect(await res.json()).toMatchObject({
          id: body.id,
          status: 'pending',
          maskedCode: '1345****1237',
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
