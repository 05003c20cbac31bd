// A local stand-in for WeChat Pay's API v3 server (api.mch.weixin.qq.com), for tests and the demo:
// a real HTTP server on node:http that does what the v3 docs say the real one does — it refuses any
// request whose merchant signature does not verify (401 SIGN_ERROR, unsigned, nothing executed), signs
// every other answer with its own platform key (Wechatpay-Timestamp/-Nonce/-Serial/-Signature), keeps
// orders in memory (standin-orders.ts) and refunds (standin-refunds.ts), and lets a test play the shopper's phone (payCodeUrl, confirm).
//
// It holds no secrets: its platform key pair is made at start, and the merchant's public key is given.
// `faults` makes it misbehave on purpose, so tests can show the adapter never takes a bad answer as paid.
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOrderBook, type Reply, type StandinOrder } from './standin-orders';
import {
  createRefundDesk,
  type RefundFaults,
  type RefundStatus,
  type StandinRefund,
} from './standin-refunds';
import {
  newNonce,
  parseAuthorization,
  requestMessage,
  responseMessage,
  sign,
  verify,
} from '../../../services/payments/wechatpay/signing';

export interface StandinMerchant {
  mchid: string;
  appid: string;
  /** The serial of the merchant API certificate the stand-in expects in serial_no. */
  serialNo: string;
  publicKey: KeyObject;
}

export interface StandinFaults extends RefundFaults {
  /** Change the body after signing it (a trade_state becomes SUCCESS), as a tampering middlebox would. */
  tamper?: boolean;
  /** Send answers without the Wechatpay-* signature headers. */
  unsigned?: boolean;
  /** Hold every answer this long. */
  delayMs?: number;
}

export interface WechatPayStandin {
  /** Base URL, e.g. http://127.0.0.1:40123 — the adapter's baseUrl. */
  url: string;
  /** What the merchant configures to verify answers. */
  platform: { serialNo: string; publicKey: KeyObject; privateKey: KeyObject };
  faults: StandinFaults;
  /** Every request that passed the signature check, in order ("POST /v3/pay/transactions/native"). */
  requests: string[];
  order(outTradeNo: string): StandinOrder | undefined;
  /** The shopper's phone scans the QR's code_url and pays; false when that code cannot be paid. */
  payCodeUrl(codeUrl: string): boolean;
  /** The shopper confirms (or cancels) a code payment waiting on the phone. */
  confirm(outTradeNo: string, decision: 'approve' | 'decline'): boolean;
  /** A refund the stand-in holds, by out_refund_no. */
  refund(outRefundNo: string): StandinRefund | undefined;
  /** WeChat Pay finishes a PROCESSING refund; false when there is none under that number. */
  settleRefund(outRefundNo: string, status: Exclude<RefundStatus, 'PROCESSING'>): boolean;
  close(): Promise<void>;
}

const ORDER = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)(\/close|\/reverse)?$/;
const REFUND = /^\/v3\/refund\/domestic\/refunds\/([^/?]+)$/;

export async function startWechatPayStandin(options: {
  merchant: StandinMerchant;
  port?: number;
  host?: string;
}): Promise<WechatPayStandin> {
  const { merchant } = options;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = {
    serialNo: randomBytes(20).toString('hex').toUpperCase(),
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
  };
  const book = createOrderBook(merchant);
  const faults: StandinFaults = {};
  const requests: string[] = [];
  const refunds = createRefundDesk(book, faults);

  const route = (method: string, url: URL, body: Record<string, unknown>): Reply => {
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/native') return book.native(body);
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/codepay') return book.codepay(body);
    const match = ORDER.exec(url.pathname);
    if (match) {
      const no = decodeURIComponent(match[1]!);
      if (method === 'GET' && !match[2]) return book.query(no, url.searchParams.get('mchid'));
      if (method === 'POST' && match[2] === '/close') return book.close(no, body);
      if (method === 'POST' && match[2] === '/reverse') return book.reverse(no, body);
    }
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') return refunds.create(body);
    const refund = REFUND.exec(url.pathname);
    if (method === 'GET' && refund) return refunds.query(decodeURIComponent(refund[1]!));
    return [404, { code: 'NOT_FOUND', message: `no such API: ${method} ${url.pathname}` }];
  };

  const send = async (res: ServerResponse, [status, body]: Reply, signed: boolean) => {
    let text = body === null ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { 'Request-ID': randomUUID() };
    if (text) headers['Content-Type'] = 'application/json; charset=utf-8';
    if (signed && !faults.unsigned) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = newNonce();
      headers['Wechatpay-Timestamp'] = timestamp;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Serial'] = platform.serialNo;
      headers['Wechatpay-Signature'] = sign(responseMessage(timestamp, nonce, text), platform.privateKey);
    }
    // Whatever the body said, it now says paid (and differs from what was signed even if it said so).
    if (faults.tamper) text = `${text.replace(/"trade_state":"[A-Z]+"/, '"trade_state":"SUCCESS"')} `;
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (res.destroyed) return;
    res.writeHead(status, headers).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    if (target.startsWith('/standin/')) return phone(method, target, raw, res);
    const auth = parseAuthorization(req.headers.authorization);
    const genuine =
      auth !== null &&
      auth.mchid === merchant.mchid &&
      auth.serialNo === merchant.serialNo &&
      verify(
        requestMessage({ method, url: target, timestamp: auth.timestamp, nonce: auth.nonce, body: raw }),
        auth.signature,
        merchant.publicKey,
      );
    // Not signed by the merchant: refused, not executed, and not signed (the docs' rule for 401).
    if (!genuine) return send(res, [401, { code: 'SIGN_ERROR', message: '签名错误，请检查后再试' }], false);
    requests.push(`${method} ${target.split('?')[0]}`);
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return send(res, [400, { code: 'PARAM_ERROR', message: '请求体不是合法的 JSON 对象' }], true);
      }
    }
    return send(res, route(method, new URL(target, 'http://standin'), body), true);
  };

  /**
   * Not WeChat Pay's API: the shopper's phone, for a demo in a browser or curl. POST /standin/pay
   * {"code_url"} pays a QR's order; POST /standin/confirm {"out_trade_no","decision"} answers a code
   * payment waiting on the phone; GET /standin/orders lists the orders.
   */
  const phone = (method: string, target: string, raw: string, res: ServerResponse) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    let input: Record<string, unknown> = {};
    try {
      input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { error: 'the body is not JSON' });
    }
    const path = target.split('?')[0];
    if (method === 'GET' && path === '/standin/orders') return reply(200, [...book.orders.values()]);
    if (method === 'POST' && path === '/standin/pay')
      return reply(200, { paid: book.payCodeUrl(String(input.code_url)) });
    if (method === 'POST' && path === '/standin/confirm') {
      const decision = input.decision === 'decline' ? 'decline' : 'approve';
      return reply(200, { answered: book.confirm(String(input.out_trade_no), decision) });
    }
    return reply(404, { error: `no such stand-in control: ${method} ${path}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        res.writeHead(500).end(JSON.stringify({ code: 'SYSTEM_ERROR', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    platform,
    faults,
    requests,
    order: (no) => book.orders.get(no),
    payCodeUrl: (codeUrl) => book.payCodeUrl(codeUrl),
    confirm: (no, decision) => book.confirm(no, decision),
    refund: (no) => refunds.refunds.get(no),
    settleRefund: (no, status) => refunds.settle(no, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The raw body as sent: the signature covers these exact bytes. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
