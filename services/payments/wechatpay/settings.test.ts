// WeChat Pay in the terminal's settings: key files named by path and read at start (a missing or wrong
// one is a SettingsError naming it), and a terminal started with them paying through the stand-in.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../core/catalog/demo-store';
import type { ApiResult } from '../../api/contract';
import { DEFAULT_SETTINGS, SettingsError, loadSettings, type WechatPaySettings } from '../../settings';
import { startTerminal, type Terminal } from '../../terminal';
import { loadWechatPayCredentials } from './keys';
import {
  DEMO_MERCHANT,
  startStandinWithMerchant,
  type StandinWithMerchant,
} from '../../../test/standins/wechatpay/standin-merchant';

let env: StandinWithMerchant;
const dirs: string[] = [];
const running: Terminal[] = [];

beforeAll(async () => {
  env = await startStandinWithMerchant();
});
afterAll(() => env.standin.close());
afterEach(async () => {
  for (const terminal of running.splice(0)) await terminal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory holding the store's key files (written here, never in the repository). */
function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-wechatpay-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'apiclient_key.pem'),
    env.merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  writeFileSync(
    join(dir, 'wechatpay_pub.pem'),
    env.standin.platform.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  return dir;
}

const wechatPayment = (overrides: Partial<WechatPaySettings> = {}) => ({
  provider: 'wechatpay',
  baseUrl: env.standin.url,
  mchid: DEMO_MERCHANT.mchid,
  appid: DEMO_MERCHANT.appid,
  merchantSerialNo: DEMO_MERCHANT.merchantSerialNo,
  privateKeyPath: 'apiclient_key.pem',
  platformPublicKeyPath: 'wechatpay_pub.pem',
  platformSerialNo: env.standin.platform.serialNo,
  notifyUrl: DEMO_MERCHANT.notifyUrl,
  ...overrides,
});

function writeSettings(dir: string, payment: object): void {
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, payment }));
}

describe('WeChat Pay settings', () => {
  it('accepts the wechatpay provider, with WeChat Pay’s address as the default baseUrl', () => {
    const dir = storeDir();
    const withoutBaseUrl: Record<string, unknown> = wechatPayment();
    delete withoutBaseUrl.baseUrl;
    writeSettings(dir, withoutBaseUrl);
    expect(loadSettings(dir).payment).toMatchObject({
      provider: 'wechatpay',
      baseUrl: 'https://api.mch.weixin.qq.com',
    });
  });

  it('refuses a key pasted into settings.json, an unknown field, and a plain-http notify_url', () => {
    const dir = storeDir();
    const pem = env.merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    writeSettings(dir, wechatPayment({ privateKeyPath: pem }));
    expect(() => loadSettings(dir)).toThrow(
      /payment.privateKeyPath: a path to the key file, not the key itself/,
    );
    writeSettings(dir, { ...wechatPayment(), privateKey: pem });
    expect(() => loadSettings(dir)).toThrow(SettingsError);
    writeSettings(dir, wechatPayment({ notifyUrl: 'http://hq.example/notify' }));
    expect(() => loadSettings(dir)).toThrow(/payment.notifyUrl: an https:\/\/ address/);
  });

  it('names a missing, unreadable or wrong key file', () => {
    const dir = storeDir();
    const load = (overrides: Partial<WechatPaySettings>) => () =>
      loadWechatPayCredentials(wechatPayment(overrides) as WechatPaySettings, dir);
    expect(load({ privateKeyPath: 'missing.pem' })).toThrow(
      new RegExp(`payment.privateKeyPath: cannot read the key file ${join(dir, 'missing.pem')}`),
    );
    writeFileSync(join(dir, 'garbage.pem'), 'not a key');
    expect(load({ platformPublicKeyPath: 'garbage.pem' })).toThrow(
      /payment.platformPublicKeyPath: .*garbage.pem is not a PEM/,
    );
    expect(load({ platformPublicKeyPath: 'apiclient_key.pem' })).toThrow(/holds a private key/);
    writeFileSync(
      join(dir, 'ec.pem'),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expect(load({ privateKeyPath: 'ec.pem' })).toThrow(/holds a ec key; WeChat Pay API v3 uses RSA/);
    expect(load({})().platformSerialNo).toBe(env.standin.platform.serialNo);
  });

  it('stops a terminal whose key file is missing, naming it', async () => {
    const dir = storeDir();
    writeSettings(dir, wechatPayment({ privateKeyPath: join(dir, 'nowhere', 'apiclient_key.pem') }));
    await expect(startTerminal({ dataDir: dir })).rejects.toThrow(
      /payment.privateKeyPath: cannot read the key file .*nowhere/,
    );
  });

  it('never falls back to the simulator: a WeChat Pay setup with a part missing stops the start', async () => {
    const noKey = storeDir();
    rmSync(join(noKey, 'apiclient_key.pem'));
    writeSettings(noKey, wechatPayment());
    await expect(startTerminal({ dataDir: noKey })).rejects.toThrow(SettingsError);
    const incomplete = storeDir();
    const withoutMchid: Record<string, unknown> = wechatPayment();
    delete withoutMchid.mchid;
    writeSettings(incomplete, withoutMchid);
    await expect(startTerminal({ dataDir: incomplete })).rejects.toThrow(/payment.mchid/);
    // A misspelt provider is not "no provider": it is refused by name, not read as the simulator.
    const misspelt = storeDir();
    writeSettings(misspelt, { ...wechatPayment(), provider: 'wechat' });
    await expect(startTerminal({ dataDir: misspelt })).rejects.toThrow(/payment.provider/);
  });

  it('starts a terminal that pays through WeChat Pay, not in training mode', async () => {
    const dir = storeDir();
    writeSettings(dir, wechatPayment());
    const terminal = await startTerminal({ dataDir: dir });
    running.push(terminal);
    const piece = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    const payment = value(await terminal.api['payment.start']({}));
    expect(payment).toMatchObject({ provider: 'wechatpay', status: 'pending', currency: 'CNY' });
    expect(payment.qrPayload).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(env.standin.order(payment.reference)).toMatchObject({ tradeType: 'NATIVE', amount: piece.price });
    expect(value(await terminal.api['settings.get']({})).training).toBe(false);
  });
});

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
