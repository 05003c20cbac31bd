// The store's WeChat Pay keys, read from the files the payment settings name, once at start. The keys
// live in the store's own files (the merchant API private key apiclient_key.pem, and the platform
// certificate or "WeChat Pay public key"), never in the repository or in settings.json; a file that is
// missing, unreadable or not a key stops the terminal with a SettingsError naming the setting and path.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingsError, type WechatPaySettings } from '../../settings';
import type { WechatPayCredentials } from './client';

/** The credentials for the adapter; relative key paths are taken from the data directory. */
export function loadWechatPayCredentials(settings: WechatPaySettings, dataDir: string): WechatPayCredentials {
  return {
    mchid: settings.mchid,
    appid: settings.appid,
    merchantSerialNo: settings.merchantSerialNo,
    privateKey: readKey('privateKeyPath', resolve(dataDir, settings.privateKeyPath), 'private'),
    platformPublicKey: readKey(
      'platformPublicKeyPath',
      resolve(dataDir, settings.platformPublicKeyPath),
      'public',
    ),
    platformSerialNo: settings.platformSerialNo,
  };
}

function readKey(setting: string, path: string, kind: 'private' | 'public'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(
      `payment.${setting}: cannot read the key file ${path} (${(error as Error).message})`,
    );
  }
  // The kiosk verifies WeChat Pay with its public key only; a private key here is the wrong file.
  if (kind === 'public' && /PRIVATE KEY-----/.test(pem))
    throw new SettingsError(
      `payment.${setting}: ${path} holds a private key; it must be WeChat Pay's public key or certificate`,
    );
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (error) {
    throw new SettingsError(
      `payment.${setting}: ${path} is not a PEM ${kind === 'private' ? 'private key' : 'public key or certificate'} (${(error as Error).message})`,
    );
  }
  // API v3 signs with SHA256withRSA in both directions.
  if (key.asymmetricKeyType !== 'rsa')
    throw new SettingsError(
      `payment.${setting}: ${path} holds a ${key.asymmetricKeyType} key; WeChat Pay API v3 uses RSA`,
    );
  return key;
}
