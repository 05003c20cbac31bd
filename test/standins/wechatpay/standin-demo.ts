// Runs the WeChat Pay stand-in for a demo: `npx tsx test/standins/wechatpay/standin-demo.ts DATA_DIR`.
// It makes a merchant key pair, writes the store's key files into DATA_DIR (apiclient_key.pem and the
// stand-in's public key wechatpay_pub.pem — demo keys, made now, never committed), points DATA_DIR's
// settings.json at the stand-in, and serves until interrupted. Then `openlane serve` on DATA_DIR pays
// through WeChat Pay's protocol; play the shopper's phone with POST /standin/pay {"code_url": "weixin://…"}.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../services/settings';
import { standinPaymentSettings, startStandinWithMerchant } from './standin-merchant';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: standin-demo.ts DATA_DIR [PORT]');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const wx = await startStandinWithMerchant({ port: Number(process.argv[3] ?? 0) });
const { standin } = wx;
const payment = standinPaymentSettings(dataDir, wx);
const settingsPath = join(dataDir, 'settings.json');
const current: object = existsSync(settingsPath)
  ? (JSON.parse(readFileSync(settingsPath, 'utf8')) as object)
  : DEFAULT_SETTINGS;
writeFileSync(settingsPath, JSON.stringify({ ...current, payment }, null, 2) + '\n');
console.log(`WeChat Pay stand-in on ${standin.url}; ${settingsPath} now pays through it (Ctrl-C stops it).`);
process.on('SIGINT', () => void standin.close().then(() => process.exit(0)));
