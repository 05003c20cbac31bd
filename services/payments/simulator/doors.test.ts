// Who may drive the payment simulator, over real HTTP: only requests naming it (Host), browser pages of
// its own (Origin), and clients without an Origin from this machine. A page on another site must not
// approve a payment, nor a rebound name reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../test/helpers/http-request';
import { machineAddresses } from '../../web/addresses';
import { startPaymentSimulator, type PaymentSimulator } from './server';

const sims: PaymentSimulator[] = [];
afterAll(async () => {
  for (const sim of sims) await sim.close();
});

async function start(host: string): Promise<{ sim: PaymentSimulator; port: number }> {
  const sim = await startPaymentSimulator({ port: 0, host });
  sims.push(sim);
  return { sim, port: Number(new URL(sim.url).port) };
}

let seq = 0;
const order = () =>
  JSON.stringify({
    reference: `doors-${++seq}`,
    amount: 990,
    currency: 'CNY',
    description: 'Basket',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });

/** A payment made as the terminal makes it (no Origin, from this machine); its id. */
async function created(port: number): Promise<string> {
  const reply = await rawRequest('127.0.0.1', port, {
    path: '/api/payments',
    headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json' },
    body: order(),
  });
  expect(reply.status).toBe(201);
  return (JSON.parse(reply.body) as { id: string }).id;
}

describe('the simulator on loopback', () => {
  let port: number;
  beforeAll(async () => ({ port } = await start('127.0.0.1')));

  it('refuses a Host that is not its own, before doing anything', async () => {
    const reply = await rawRequest('127.0.0.1', port, {
      path: '/api/payments',
      headers: { Host: `rebound.example:${port}`, 'Content-Type': 'application/json' },
      body: order(),
    });
    expect(reply.status).toBe(421);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'wrong_host' });
    const page = await rawRequest('127.0.0.1', port, {
      path: '/',
      method: 'GET',
      headers: { Host: 'rebound.example' },
    });
    expect(page.status).toBe(421);
  });

  it('lets no page of another site approve a payment; its own pay page may', async () => {
    const id = await created(port);
    const approve = (origin: string) =>
      rawRequest('127.0.0.1', port, {
        path: `/pay/${id}/approve`,
        headers: { Host: `127.0.0.1:${port}`, Origin: origin, Accept: 'application/json' },
        body: '',
      });
    const foreign = await approve('http://evil.example');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error).toMatchObject({ code: 'forbidden_origin' });
    const state = await rawRequest('127.0.0.1', port, {
      path: `/api/payments/${id}`,
      method: 'GET',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(JSON.parse(state.body)).toMatchObject({ status: 'pending' });
    const own = await approve(`http://127.0.0.1:${port}`);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ status: 'paid' });
  });
});

describe('the simulator on the network (openlane serve --demo)', () => {
  const lan = machineAddresses().find((a) => !a.startsWith('127.'));
  let port: number;
  beforeAll(async () => {
    if (!lan) throw new Error('these tests need a network interface with an IPv4 address besides loopback');
    ({ port } = await start('0.0.0.0'));
  });

  it('shows a phone the pay page and takes its Approve, but no Origin-less API call from the network', async () => {
    const id = await created(port);
    const headers = { Host: `${lan}:${port}` };
    const page = await rawRequest(lan!, port, { from: lan, path: `/pay/${id}`, method: 'GET', headers });
    expect(page.status).toBe(200);
    const script = await rawRequest(lan!, port, {
      from: lan,
      path: `/api/payments/${id}/cancel`,
      headers,
      body: '',
    });
    expect(script.status).toBe(403);
    expect(JSON.parse(script.body).error.message).toMatch(
      /without an Origin may only come from this machine/,
    );
    const phone = await rawRequest(lan!, port, {
      from: lan,
      path: `/pay/${id}/approve`,
      headers: { ...headers, Origin: `http://${lan}:${port}`, Accept: 'application/json' },
      body: '',
    });
    expect(JSON.parse(phone.body)).toMatchObject({ status: 'paid' });
  });
});
