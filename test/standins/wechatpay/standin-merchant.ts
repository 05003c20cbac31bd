// A merchant and the stand-in that knows it, for tests and the demo: a fresh RSA-2048 merchant key pair
// made at run time (nothing secret is ever committed), the stand-in started with its public half, and
// the adapter options a terminal configured for that stand-in would have.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
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
