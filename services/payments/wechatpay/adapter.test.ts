// The WeChat Pay adapter over real HTTP against the stand-in server, which checks our signatures and
// signs its answers the way WeChat Pay's v3 docs describe.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProviderNotFoundError, ProviderRefusedError, ProviderUnavailableError } from '../provider';
import { freshReference, standinForTests } from '../../../test/standins/wechatpay/standin-suite';

const env = standinForTests();
const provider = env.provider;
const reference = () => freshReference();

const order = (ref = reference(), amount = 2140) => ({
  reference: ref,
  amount,
  currency: 'CNY',
  description: 'Self-checkout K01',
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
});

const charge = (authCode: string, ref = reference()) => ({ ...order(ref, 2390), authCode });

describe('merchant-presented: a Native order', () => {
  it('creates an order whose code_url is the QR, and reports it paid once the phone pays', async () => {
    const wechat = provider();
    const req = order();
    const created = await wechat.create(req);
    expect(created.providerRef).toBe(req.reference);
    expect(created.qrPayload).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(env.standin.order(req.reference)).toMatchObject({
      tradeType: 'NATIVE',
      amount: 2140,
      tradeState: 'NOTPAY',
    });
    // time_expire went as RFC 3339 and means the same moment (to the second).
    expect(env.standin.order(req.reference)!.expiresAt).toBe(
      Math.floor(Date.parse(req.expiresAt) / 1000) * 1000,
    );
    expect(await wechat.query(req.reference)).toEqual({ status: 'pending' });

    const waiting = wechat.waitForChange(req.reference, 'pending', new AbortController().signal);
    expect(env.standin.payCodeUrl(created.qrPayload)).toBe(true);
    expect(await waiting).toBe('paid');
    expect(await wechat.query(req.reference)).toEqual({ status: 'paid' });
  });

  it('gives the same code again for the same reference, and never a second order', async () => {
    const wechat = provider();
    const req = order();
    const first = await wechat.create(req);
    expect(await wechat.create(req)).toEqual(first);
  });

  it('closes a pending order; a closed code can no longer be paid', async () => {
    const wechat = provider();
    const req = order();
    const created = await wechat.create(req);
    expect(await wechat.cancel(req.reference)).toEqual({ status: 'cancelled', reason: '订单已关闭' });
    expect(env.standin.order(req.reference)!.tradeState).toBe('CLOSED');
    expect(env.standin.payCodeUrl(created.qrPayload)).toBe(false);
    // Asking for the code again does not reopen it; the order is settled, so its outcome is the query's.
    await expect(wechat.create(req)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('does not close an order the shopper paid first: cancel answers paid', async () => {
    const wechat = provider();
    const req = order();
    env.standin.payCodeUrl((await wechat.create(req)).qrPayload);
    expect(await wechat.cancel(req.reference)).toEqual({ status: 'paid' });
    expect(env.standin.order(req.reference)!.tradeState).toBe('SUCCESS');
  });

  it('waitForChange answers the known status when its window ends, and rejects when aborted', async () => {
    const wechat = provider({ pollWindowMs: 100 });
    const req = order();
    await wechat.create(req);
    expect(await wechat.waitForChange(req.reference, 'pending', new AbortController().signal)).toBe(
      'pending',
    );
    const controller = new AbortController();
    const waiting = wechat.waitForChange(req.reference, 'pending', controller.signal);
    controller.abort(new Error('kiosk cancelled'));
    await expect(waiting).rejects.toThrow('kiosk cancelled');
  });

  it('refuses non-CNY amounts and fractions before sending anything', async () => {
    const wechat = provider();
    const before = env.standin.requests.length;
    await expect(wechat.create({ ...order(), currency: 'EUR' })).rejects.toThrow(/CNY only.*EUR/);
    await expect(wechat.create(order(reference(), 10.5))).rejects.toBeInstanceOf(ProviderRefusedError);
    await expect(wechat.charge({ ...charge('134512345678901230'), currency: 'USD' })).rejects.toBeInstanceOf(
      ProviderRefusedError,
    );
    expect(env.standin.requests.length).toBe(before);
  });

  it('lets a demo play the phone over HTTP (the stand-in’s own /standin/ routes, not WeChat Pay’s API)', async () => {
    const wechat = provider();
    const req = order();
    const { qrPayload } = await wechat.create(req);
    const pay = await fetch(`${env.standin.url}/standin/pay`, {
      method: 'POST',
      body: JSON.stringify({ code_url: qrPayload }),
    });
    expect(await pay.json()).toEqual({ paid: true });
    expect(await wechat.query(req.reference)).toEqual({ status: 'paid' });
  });

  it('says not-found for an order WeChat Pay never got', async () => {
    await expect(provider().query(reference())).rejects.toBeInstanceOf(ProviderNotFoundError);
  });
});

describe('customer-presented: a code payment', () => {
  it('charges a code that pays at once', async () => {
    const req = charge('134512345678901230');
    expect(await provider().charge(req)).toEqual({ providerRef: req.reference, state: { status: 'paid' } });
    expect(env.standin.order(req.reference)).toMatchObject({ tradeType: 'MICROPAY', amount: 2390 });
  });

  it('waits for a shopper who confirms on the phone (USERPAYING), then reports paid', async () => {
    const wechat = provider();
    const req = charge('134512345678901237');
    expect((await wechat.charge(req)).state).toEqual({ status: 'pending' });
    const waiting = wechat.waitForChange(req.reference, 'pending', new AbortController().signal);
    env.standin.confirm(req.reference, 'approve');
    expect(await waiting).toBe('paid');
  });

  it('reports a definite decline with WeChat Pay’s reason', async () => {
    const state = (await provider().charge(charge('134512345678901239'))).state;
    expect(state).toEqual({ status: 'declined', reason: '余额不足' });
  });

  it('answers a repeated charge with the charge it already is, never a second one', async () => {
    const wechat = provider();
    const req = charge('134512345678901237');
    await wechat.charge(req);
    env.standin.confirm(req.reference, 'approve');
    expect((await wechat.charge(req)).state).toEqual({ status: 'paid' });
  });

  it('reverses a charge still waiting for the shopper', async () => {
    const wechat = provider();
    const req = charge('134512345678901238');
    await wechat.charge(req);
    expect(await wechat.cancel(req.reference)).toEqual({ status: 'cancelled', reason: '订单已撤销' });
    expect(env.standin.confirm(req.reference, 'approve')).toBe(false);
  });

  it('records a charge WeChat Pay never got as cancelled, and never charges that reference afterwards', async () => {
    const wechat = provider();
    const req = charge('134512345678901230');
    expect((await wechat.cancel(req.reference)).status).toBe('cancelled');
    expect((await wechat.charge(req)).state.status).toBe('cancelled');
    expect(env.standin.order(req.reference)).toBeUndefined();
  });
});

describe('answers that cannot be trusted are unknown, never paid', () => {
  it('a tampered body (now saying SUCCESS) fails verification', async () => {
    const wechat = provider();
    const req = order();
    await wechat.create(req);
    env.standin.faults.tamper = true;
    await expect(wechat.query(req.reference)).rejects.toThrow(ProviderUnavailableError);
    await expect(wechat.query(req.reference)).rejects.toThrow(/signature does not match/);
    await expect(
      wechat.waitForChange(req.reference, 'pending', new AbortController().signal),
    ).rejects.toThrow(ProviderUnavailableError);
    await expect(wechat.charge(charge('134512345678901237'))).rejects.toThrow(ProviderUnavailableError);
    env.standin.faults.tamper = false;
    expect(await wechat.query(req.reference)).toEqual({ status: 'pending' });
  });

  it('an unsigned answer is taken as forged', async () => {
    const wechat = provider();
    const req = order();
    env.standin.faults.unsigned = true;
    await expect(wechat.create(req)).rejects.toThrow(/not signed/);
  });

  it('an answer signed by another key, or under another serial, is not WeChat Pay’s', async () => {
    const req = order();
    await provider().create(req);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    await expect(provider({ platformPublicKey: stranger }).query(req.reference)).rejects.toThrow(
      ProviderUnavailableError,
    );
    await expect(
      provider({ platformSerialNo: 'PUB_KEY_ID_0000000000000000' }).query(req.reference),
    ).rejects.toThrow(/signed by platform key .* but the settings name PUB_KEY_ID_/);
  });

  it('no answer in time is unknown (timed out)', async () => {
    const wechat = provider({ timeoutMs: 100 });
    env.standin.faults.delayMs = 400;
    const error = await wechat.query(reference()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ timedOut: true });
  });

  it('an unreachable server is unknown', async () => {
    const wechat = provider({ baseUrl: 'http://127.0.0.1:1' });
    await expect(wechat.query(reference())).rejects.toMatchObject({
      code: 'provider_unavailable',
      timedOut: false,
    });
  });
});

describe('a wrong merchant key', () => {
  const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  it('is refused by WeChat Pay (401 SIGN_ERROR), executes nothing, and is reported as a configuration error', async () => {
    const wechat = provider({ privateKey: wrongKey });
    const before = env.standin.requests.length;
    const req = order();
    const refused = await wechat.create(req).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderRefusedError);
    expect((refused as Error).message).toMatch(
      /401 SIGN_ERROR.*check the mchid, merchantSerialNo and privateKeyPath/,
    );
    expect(env.standin.order(req.reference)).toBeUndefined();
    expect(env.standin.requests.length).toBe(before);
  });

  it('leaves an existing payment unknown rather than declined when asking after it', async () => {
    const req = order();
    await provider().create(req);
    const wechat = provider({ privateKey: wrongKey });
    await expect(wechat.query(req.reference)).rejects.toThrow(ProviderUnavailableError);
    await expect(wechat.cancel(req.reference)).rejects.toThrow(/SIGN_ERROR/);
    expect(env.standin.order(req.reference)!.tradeState).toBe('NOTPAY');
  });

  it('a wrong merchant serial is refused the same way', async () => {
    await expect(provider({ merchantSerialNo: 'FFFF' }).create(order())).rejects.toThrow(/SIGN_ERROR/);
  });
});
