// Runs the WeChat Pay stand-in for a demo: `npx tsx test/standins/wechatpay/standin-demo.ts DATA_DIR`.
// It makes a merchant key pair, writes the store's key files into DATA_DIR (apiclient_key.pem and the
// stand-in's public key wechatpay_pub.pem — demo keys, made now, never committed), points DATA_DIR's
// settings.json at the stand-in, and serves until interrupted. Then `openlane serve` on DATA_DIR pays
// through WeChat Pay's protocol; play the shopper's phone with POST /standin/pay {"code_url": "weixin://…"}.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../services/settings';
import { DEMO_MERCHANT, startStandinWithMerchant } from './standin-merchant';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: standin-demo.ts DATA_DIR [PORT]');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const { standin, merchantKeys } = await startStandinWithMerchant({ port: Number(process.argv[3] ?? 0) });
writeFileSync(
  join(dataDir, 'apiclient_key.pem'),
  merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  {
    mode: 0o600,
  },
);
writeFileSync(
  join(dataDir, 'wechatpay_pub.pem'),
  standin.platform.publicKey.export({ type: 'spki', format: 'pem' }),
);
const settingsPath = join(dataDir, 'settings.json');
const current: object = existsSync(settingsPath)
  ? (JSON.parse(readFileSync(settingsPath, 'utf8')) as object)
  : DEFAULT_SETTINGS;
const payment = {
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
writeFileSync(settingsPath, JSON.stringify({ ...current, payment }, null, 2) + '\n');
console.log(`WeChat Pay stand-in on ${standin.url}; ${settingsPath} now pays through it (Ctrl-C stops it).`);
process.on('SIGINT', () => void standin.close().then(() => process.exit(0)));
