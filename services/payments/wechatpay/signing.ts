// WeChat Pay API v3 signatures, both directions, as its "Signature Generation" and "Signature
// Verification" guides define them (pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_0.shtml and
// …/wechatpay4_1.shtml; the same text at pay.weixin.qq.com/doc/global/v3/en/4012357149):
//
// - request: SHA256withRSA over five lines, each ending in \n, the last one too —
//   "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n", URL being the path with its query, BODY empty for GET —
//   sent as `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",
//   timestamp="…",serial_no="…"` (the five fields in any order, on one line);
// - response: SHA256withRSA by the platform key over "TIMESTAMP\nNONCE\nBODY\n" from the headers
//   Wechatpay-Timestamp and Wechatpay-Nonce and the raw body (empty for 204), base64 in
//   Wechatpay-Signature, the key named by Wechatpay-Serial.
//
// The stand-in server uses the same functions from the other side, so each direction is also checked
// against node:crypto independently in signing.test.ts.
import { createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export interface RequestToSign {
  method: string;
  /** The absolute path with its query string, e.g. `/v3/pay/transactions/out-trade-no/X?mchid=1`. */
  url: string;
  /** Unix seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  /** The exact bytes sent; '' for GET. */
  body: string;
}

/** The five-line string the merchant signs. */
export function requestMessage(request: RequestToSign): string {
  return `${request.method}\n${request.url}\n${request.timestamp}\n${request.nonce}\n${request.body}\n`;
}

/** The three-line string the platform signs. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** SHA256withRSA, base64: the one signature primitive both directions use. */
export function sign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function verify(message: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false; // a malformed signature is simply not a valid one
  }
}

/** 32 hex characters, as the guide's example nonce. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export interface AuthorizationFields {
  mchid: string;
  serialNo: string;
  nonce: string;
  timestamp: string;
  signature: string;
}

/** The Authorization header value for a signed request. */
export function authorizationHeader(fields: AuthorizationFields): string {
  return (
    `${AUTH_SCHEMA} mchid="${fields.mchid}",nonce_str="${fields.nonce}",` +
    `signature="${fields.signature}",timestamp="${fields.timestamp}",serial_no="${fields.serialNo}"`
  );
}

/** Reads an Authorization header back into its fields; null when it is not a WeChat Pay v3 one. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields = new Map<string, string>();
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields.set(match[1]!, match[2]!);
  }
  const mchid = fields.get('mchid');
  const serialNo = fields.get('serial_no');
  const nonce = fields.get('nonce_str');
  const timestamp = fields.get('timestamp');
  const signature = fields.get('signature');
  if (!mchid || !serialNo || !nonce || !timestamp || !signature) return null;
  return { mchid, serialNo, nonce, timestamp, signature };
}

/** Signs a request as the merchant: returns the Authorization header value. */
export function signRequest(
  request: Omit<RequestToSign, 'timestamp' | 'nonce'>,
  merchant: { mchid: string; serialNo: string; privateKey: KeyObject },
  now: () => number = Date.now,
): string {
  const timestamp = String(Math.floor(now() / 1000));
  const nonce = newNonce();
  const signature = sign(requestMessage({ ...request, timestamp, nonce }), merchant.privateKey);
  return authorizationHeader({
    mchid: merchant.mchid,
    serialNo: merchant.serialNo,
    nonce,
    timestamp,
    signature,
  });
}
