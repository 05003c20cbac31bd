import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentSimulator } from './simulator-server';
import type { PaymentSimulator } from './simulator-server';

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
