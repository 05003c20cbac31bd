// A merchant and the stand-in that knows it, for tests and the demo: a fresh RSA-2048 merchant key pair
// made at run time (nothing secret is ever committed), the stand-in started with its public half, and
// the adapter options a terminal configured for that stand-in would have.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WechatPayProviderOptions } from '../../../services/payments/wechatpay/adapter';
import { startWechatPayStandin, type WechatPayStandin } from './standin';

/** The direct-merchant example ids of WeChat Pay's docs (no real account). */
export const DEMO_MERCHANT = {
  mchid: '1900009191',
  appid: 'wxd678efh567hg6787',
  merchantSerialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
  notifyUrl: 'https://hq.openlane.example/wechatpay/notify',
} as const;

export interface StandinWithMerchant {
  standin: WechatPayStandin;
  merchantKeys: { publicKey: KeyObject; privateKey: KeyObject };
  /** Adapter options for this stand-in; `overrides` replace any of them (a wrong key, a short timeout…). */
  providerOptions(overrides?: Partial<WechatPayProviderOptions>): WechatPayProviderOptions;
}

export async function startStandinWithMerchant(
  listen: { port?: number; host?: string } = {},
): Promise<StandinWithMerchant> {
  const merchantKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const standin = await startWechatPayStandin({
    ...listen,
    merchant: {
      mchid: DEMO_MERCHANT.mchid,
      appid: DEMO_MERCHANT.appid,
      serialNo: DEMO_MERCHANT.merchantSerialNo,
      publicKey: merchantKeys.publicKey,
    },
  });
  return {
    standin,
    merchantKeys,
    providerOptions: (overrides = {}) => ({
      baseUrl: standin.url,
      mchid: DEMO_MERCHANT.mchid,
      appid: DEMO_MERCHANT.appid,
      merchantSerialNo: DEMO_MERCHANT.merchantSerialNo,
      privateKey: merchantKeys.privateKey,
      platformPublicKey: standin.platform.publicKey,
      platformSerialNo: standin.platform.serialNo,
      notifyUrl: DEMO_MERCHANT.notifyUrl,
      timeoutMs: 2000,
      pollIntervalMs: 25,
      pollWindowMs: 500,
      ...overrides,
    }),
  };
}

/**
 * Writes the store's key files for this stand-in into DATA_DIR (the merchant's private key, the
 * stand-in's public key: demo keys made at run time) and returns the `payment` settings that pay
 * through it, as a terminal configured for it has them.
 */
export function standinPaymentSettings(dataDir: string, wx: StandinWithMerchant): Record<string, unknown> {
  const { standin, merchantKeys } = wx;
  const privateKey = merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(join(dataDir, 'apiclient_key.pem'), privateKey, { mode: 0o600 });
  writeFileSync(
    join(dataDir, 'wechatpay_pub.pem'),
    standin.platform.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  return {
    provider: 'wechatpay',
    baseUrl: standin.url,
    mchid: DEMO_MERCHANT.mchid,
    appid: DEMO_MERCHANT.appid,
    merchantSerialNo: DEMO_MERCHANT.merchantSerialNo,
    privateKeyPath: 'apiclient_key.pem',
    platformPublicKeyPath: 'wechatpay_pub.pem',
    platformSerialNo: standin.platform.serialNo,
    notifyUrl: DEMO_MERCHANT.notifyUrl,
  };
}
