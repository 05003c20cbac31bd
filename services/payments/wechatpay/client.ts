// One signed call to WeChat Pay API v3 and its verified answer. Everything that is not a verified
// answer becomes ProviderUnavailableError (the outcome is unknown), because the API-rules page says
// "a successful response without a signature should be considered forged or tampered" and the checkout
// must never take a forged "SUCCESS" as paid. The one exception is 401: WeChat Pay does not sign the
// answer to a request whose own signature it could not verify, and such a request was not executed.
import type { KeyObject } from 'node:crypto';
import { networkErrorDetail, ProviderUnavailableError } from '../provider';
import { responseMessage, signRequest, verify } from './signing';
import { timeoutSignal } from '../../timeout-signal';

export interface WechatPayCredentials {
  mchid: string;
  appid: string;
  /** Serial number of the merchant API certificate whose private key signs our requests. */
  merchantSerialNo: string;
  privateKey: KeyObject;
  /** The platform certificate's (or "WeChat Pay public key"'s) key that signs WeChat Pay's answers. */
  platformPublicKey: KeyObject;
  /** What Wechatpay-Serial must say: the serial of that certificate, or the PUB_KEY_ID_… of that key. */
  platformSerialNo: string;
}

export interface ClientOptions extends WechatPayCredentials {
  baseUrl: string;
  timeoutMs: number;
}

export interface Answer {
  status: number;
  /** The parsed JSON body; null for 204 No Content. */
  body: Record<string, unknown> | null;
}

/** WeChat Pay refused our request signature (401): a configuration problem; the request did nothing. */
export class MerchantSignatureRejected extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(
      `WeChat Pay refused this terminal's request signature (401 ${code}: ${detail}) — check the ` +
        'mchid, merchantSerialNo and privateKeyPath in the payment settings',
    );
    this.name = 'MerchantSignatureRejected';
  }
}

export type Call = (
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  signal?: AbortSignal,
) => Promise<Answer>;

export function createClient(options: ClientOptions): Call {
  const base = options.baseUrl.replace(/\/+$/, '');

  return async (method, path, payload, signal) => {
    const url = new URL(base + path);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = signRequest(
      { method, url: url.pathname + url.search, body },
      { mchid: options.mchid, serialNo: options.merchantSerialNo, privateKey: options.privateKey },
    );
    const timeout = timeoutSignal(options.timeoutMs, signal);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
          'User-Agent': 'OpenLane-kiosk',
        },
        body: method === 'POST' ? body : undefined,
        signal: timeout.signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw unreachable(error, timeout.timedOut);
    } finally {
      timeout.clear();
    }
    if (response.status === 401) throw new MerchantSignatureRejected(...errorOf(text, 'SIGN_ERROR'));
    if (response.status >= 500) {
      // Not an answer about the payment at all, signed or not: ask again later.
      const [code, message] = errorOf(text, 'SYSTEM_ERROR');
      throw new ProviderUnavailableError(`WeChat Pay answered HTTP ${response.status} ${code}: ${message}`, {
        timedOut: false,
      });
    }
    const problem = signatureProblem(response.headers, text, options);
    if (problem) {
      throw new ProviderUnavailableError(
        `WeChat Pay's answer failed verification (${problem}); outcome unknown`,
        {
          timedOut: false,
        },
      );
    }
    if (response.status === 204 || text === '') return { status: response.status, body: null };
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
      return { status: response.status, body: parsed as Record<string, unknown> };
    } catch (cause) {
      throw new ProviderUnavailableError(
        `WeChat Pay answered HTTP ${response.status} without a JSON object`,
        {
          timedOut: false,
          cause,
        },
      );
    }
  };
}

/** Why the answer cannot be trusted, or null when its signature is the platform's. */
function signatureProblem(headers: Headers, body: string, options: ClientOptions): string | null {
  const timestamp = headers.get('wechatpay-timestamp');
  const nonce = headers.get('wechatpay-nonce');
  const signature = headers.get('wechatpay-signature');
  const serial = headers.get('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return 'it is not signed';
  // Another serial means another key: a rotated platform certificate the settings do not have yet.
  if (serial !== options.platformSerialNo)
    return `signed by platform key ${serial}, but the settings name ${options.platformSerialNo}`;
  if (!verify(responseMessage(timestamp, nonce, body), signature, options.platformPublicKey))
    return 'the signature does not match the body';
  return null;
}

/** The documented error body {code, message}, or the fallbacks when there is none. */
export function errorOf(text: string, fallbackCode: string): [string, string] {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return [
      typeof body.code === 'string' ? body.code : fallbackCode,
      typeof body.message === 'string' ? body.message : 'no message',
    ];
  } catch {
    return [fallbackCode, 'no message'];
  }
}

/** An answer that is not the one hoped for, in a message: `HTTP 403 NOT_ENOUGH: 基本账户余额不足`. */
export function errorText(answer: Answer): string {
  const code = answer.body?.code;
  const message = answer.body?.message;
  return `HTTP ${answer.status} ${typeof code === 'string' ? code : ''}${typeof message === 'string' ? `: ${message}` : ''}`.trim();
}

function unreachable(error: unknown, timedOut: boolean): ProviderUnavailableError {
  const detail = networkErrorDetail(error);
  return new ProviderUnavailableError(
    timedOut ? 'WeChat Pay did not answer in time' : `WeChat Pay unreachable: ${detail}`,
    { timedOut, cause: error },
  );
}
