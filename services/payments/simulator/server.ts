// The built-in payment simulator: a real local HTTP service standing in for a wallet provider, in
// both directions.
//
// Merchant-presented: the kiosk creates a payment (POST /api/payments) and shows payUrl as a QR; a
// phone (or a test) opens the pay page and approves or declines; the kiosk long-polls to learn the
// outcome at once.
//
// Customer-presented, modelled on WeChat Pay's Micropay (付款码支付): the kiosk scans the shopper's
// wallet code and charges it (POST /api/charges with reference = out_trade_no, amount, authCode).
// The answer is `paid` (SUCCESS), `declined` with a reason (a definite failure), or `pending`
// (USERPAYING: the shopper confirms on the phone; the pay page of that payment has Approve/Decline,
// and `confirmAfterMs` approves by itself). Which one is decided by the code's last digit — 0–6 paid,
// 7–8 pending, 9 declined "insufficient balance" (charges.ts). A repeated reference answers
// with the charge already made (200), never a second one.
//
// Both kinds are read at GET /api/payments/{id or reference} (long-poll: ?waitMs=…&status=…) and
// cancelled at POST /api/payments/{id or reference}/cancel. Cancelling a reference never seen is the
// Micropay reversal of a charge whose answer was lost: it is recorded as cancelled, and a charge that
// arrives with it later is refused (409 reference_closed). Only the masked code is ever kept.
//
// Fault modes (slow answers, timeouts before and after the charge, duplicate and late notifications,
// decline) are switched on with the `faults` option or POST /api/faults: see faults.ts.
//
// Refunds: POST /api/refunds gives (part of) a paid payment back under the merchant's refund reference,
// once per reference; GET /api/refunds/{reference} reads one (refund-routes.ts, refund-book.ts).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { createDoors, type Doors } from '../../web/doors';
import { refused } from './doors';
import { closeServer, listen, readBody, sendJson, sendText, urlFor } from '../../web/http-util';
import { renderIndexPage, renderMissingPage, renderPayPage } from './pay-page';
import { chargeSchema, createSchema, maskAuthCode, walletAnswer } from './charges';
import {
  BANK_DECLINE,
  faultsRoute,
  lateNotification,
  lostAnswer,
  neverArrives,
  sleep,
  slow,
} from './fault-routes';
import { createFaults } from './faults';
import type { Fault, SimulatorFaults } from './faults';
import { createSimulatorStore } from './store';
import { createRefundBook, type RefundBook } from './refund-book';
import { refundRoutes } from './refund-routes';
import { readValidJson } from './json-body';
import type { SimPayment, SimulatorStore } from './store';

export interface PaymentSimulatorOptions {
  /** 0 = any free port. */
  port: number;
  /** Default 127.0.0.1; bind 0.0.0.0 (with publicBaseUrl = the LAN address) to pay from a real phone. */
  host?: string;
  /** Base of the pay URLs put in QR codes; default the server's own URL. */
  publicBaseUrl?: string;
  /** Or just the host to put in pay URLs (the LAN address when bound to 0.0.0.0); the port stays the server's. */
  publicHost?: string;
  merchantName?: string;
  /** A JSON file that keeps the simulator's payments across restarts, as a real provider would. */
  stateFile?: string;
  /** A charge that asks the shopper to confirm (code ending 7–8) is approved after this long. */
  confirmAfterMs?: number;
  /** Fault modes for tests: hold a charge this long before recording it, and after, before answering. */
  chargeDelay?: { beforeChargeMs?: number; afterChargeMs?: number };
  /**
   * Only for tests: fault injection on, with these modes in force from the start (more come and go
   * through /api/faults). Absent, there is no /api/faults and no fault ever strikes.
   */
  testFaults?: Fault[];
}

export interface PaymentSimulator {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;
/** Longest a single long-poll is held; clients simply ask again. */
export const MAX_WAIT_MS = 30_000;
const STATUSES = ['pending', 'paid', 'declined', 'cancelled'] as const;

export async function startPaymentSimulator(options: PaymentSimulatorOptions): Promise<PaymentSimulator> {
  const host = options.host ?? '127.0.0.1';
  const merchantName = options.merchantName ?? 'OpenLane Demo Store';
  const store = createSimulatorStore({ file: options.stateFile });
  const refunds = createRefundBook(store);
  const faults = createFaults(options.testFaults);
  const faultsRouted = options.testFaults !== undefined;
  const timers = new Set<NodeJS.Timeout>();
  // A duplicate notification: the same change once more, a moment later, as WeChat Pay's second link does.
  store.onAnyChange((payment) => {
    const duplicate = faults.peek('duplicate_notify', 'wait', payment);
    if (!duplicate) return;
    const timer = setTimeout(() => (timers.delete(timer), store.redeliver(payment.id)), duplicate.ms);
    timers.add(timer);
  });
  let baseUrl = '';
  let doors: Doors | null = null;
  const ctx = (): Context => ({
    store,
    merchantName,
    confirmAfterMs: options.confirmAfterMs,
    chargeDelay: options.chargeDelay ?? {},
    faults,
    faultsRouted,
    refunds,
    payBase: (options.publicBaseUrl ?? withHost(baseUrl, options.publicHost)).replace(/\/+$/, ''),
  });
  const server = createServer((req, res) => {
    const refusal = refused(req, doors!);
    if (refusal) return sendJson(res, refusal.status, apiError(refusal.code, refusal.message));
    route(req, res, ctx()).catch((error: unknown) => {
      console.error('payment simulator: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, apiError('internal_error', 'the simulator failed to answer'));
      else res.destroy();
    });
  });
  const port = await listen(server, options.port, host);
  baseUrl = urlFor(host, port);
  const payOrigin = options.publicBaseUrl ?? withHost(baseUrl, options.publicHost);
  doors = createDoors({ host, port, extraOrigins: [new URL(payOrigin).origin] });
  return {
    url: baseUrl,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      refunds.close();
      store.close();
      await closeServer(server);
    },
  };
}

interface Context {
  store: SimulatorStore;
  merchantName: string;
  payBase: string;
  confirmAfterMs: number | undefined;
  chargeDelay: NonNullable<PaymentSimulatorOptions['chargeDelay']>;
  faults: SimulatorFaults;
  /** The test-only admin route /api/faults exists. */
  faultsRouted: boolean;
  /** Refunds of paid payments (refund-book.ts, refund-routes.ts). */
  refunds: RefundBook;
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  let m: RegExpMatchArray | null;
  if (path === '/' && (method === 'GET' || method === 'HEAD')) {
    return sendHtml(res, 200, renderIndexPage(ctx.store.pending(), { merchantName: ctx.merchantName }));
  }
  if (path === '/api/payments') {
    return method === 'POST' ? createPayment(req, res, ctx) : notAllowed(res, 'POST');
  }
  if (path === '/api/faults' && ctx.faultsRouted) return faultsRoute(req, res, ctx, method);
  if (path === '/api/charges') {
    return method === 'POST' ? charge(req, res, ctx) : notAllowed(res, 'POST');
  }
  if ((m = path.match(/^\/api\/payments\/([^/]+)$/))) {
    return method === 'GET' ? getPayment(req, res, ctx, param(m), url.searchParams) : notAllowed(res, 'GET');
  }
  if ((m = path.match(/^\/api\/payments\/([^/]+)\/cancel$/))) {
    if (method !== 'POST') return notAllowed(res, 'POST');
    const target = ctx.store.get(param(m)) ?? { reference: param(m) };
    await slow(ctx, 'cancel', target);
    const outcome = ctx.store.cancel(param(m), 'cancelled by the merchant');
    if (await lostAnswer(req, res, ctx, 'cancel', target)) return;
    if (outcome.ok) return sendJson(res, 200, view(outcome.payment, ctx));
    const code = outcome.status === 404 ? 'not_found' : 'not_pending';
    return sendJson(res, outcome.status, {
      ...apiError(code, outcome.message),
      ...(outcome.payment ? { payment: view(outcome.payment, ctx) } : {}),
    });
  }
  if (path.startsWith('/api/refunds') && (await refundRoutes(req, res, ctx, path))) return;
  if ((m = path.match(/^\/pay\/([^/]+)$/))) {
    if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET');
    const payment = ctx.store.get(param(m));
    if (!payment) return sendHtml(res, 404, renderMissingPage(param(m)));
    return sendHtml(res, 200, renderPayPage(payment, { merchantName: ctx.merchantName }));
  }
  if ((m = path.match(/^\/pay\/([^/]+)\/(approve|decline)$/))) {
    return method === 'POST'
      ? payerDecides(req, res, ctx, param(m), m[2] as 'approve' | 'decline')
      : notAllowed(res, 'POST');
  }
  sendJson(res, 404, apiError('not_found', `no route for ${method} ${path}`));
}

/** Reads and validates a JSON body; on a bad one it has already answered and returns null. */
async function readJson<T extends { expiresAt: string }>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
): Promise<(T & { expiry: Date }) | null> {
  const data = await readValidJson(req, res, schema);
  if (!data) return null;
  const expiry = new Date(data.expiresAt);
  if (expiry.getTime() <= Date.now()) {
    sendJson(res, 400, apiError('invalid_input', 'expiresAt: is already in the past'));
    return null;
  }
  return { ...data, expiry };
}

async function createPayment(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const input = await readJson(req, res, createSchema);
  if (!input) return;
  const { expiry, ...fields } = input;
  await slow(ctx, 'create', fields);
  if (await neverArrives(req, res, ctx, 'create', fields)) return;
  const outcome = ctx.store.create({ ...fields, expiresAt: expiry });
  if (await lostAnswer(req, res, ctx, 'create', fields)) return;
  if (outcome.kind === 'conflict') return sendJson(res, 409, apiError('reference_conflict', outcome.message));
  if (outcome.kind === 'full') return sendJson(res, 503, apiError('simulator_full', outcome.message));
  // A replayed reference answers with the first payment: the shopper is never charged twice.
  sendJson(res, outcome.kind === 'created' ? 201 : 200, {
    id: outcome.payment.id,
    payUrl: payUrl(outcome.payment, ctx),
  });
}

/** A customer-presented charge: the wallet answers by the code (see the header and charges.ts). */
async function charge(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const input = await readJson(req, res, chargeSchema);
  if (!input) return;
  const { authCode, expiry, ...fields } = input;
  const { beforeChargeMs, afterChargeMs } = ctx.chargeDelay;
  if (beforeChargeMs) await sleep(beforeChargeMs); // the charge is still on its way to us
  await slow(ctx, 'charge', fields);
  if (await neverArrives(req, res, ctx, 'charge', fields)) return;
  const declined = ctx.faults.take('decline', 'charge', fields);
  const outcome = ctx.store.charge({
    ...fields,
    expiresAt: expiry,
    maskedCode: maskAuthCode(authCode),
    outcome: declined ? { status: 'declined', reason: BANK_DECLINE } : walletAnswer(authCode),
  });
  if (await lostAnswer(req, res, ctx, 'charge', fields)) return;
  if (outcome.kind === 'conflict') return sendJson(res, 409, apiError('reference_conflict', outcome.message));
  if (outcome.kind === 'full') return sendJson(res, 503, apiError('simulator_full', outcome.message));
  if (outcome.kind === 'closed') {
    return sendJson(res, 409, {
      ...apiError('reference_closed', outcome.message),
      payment: view(outcome.payment, ctx),
    });
  }
  if (outcome.kind === 'created' && outcome.payment.status === 'pending' && ctx.confirmAfterMs !== undefined)
    ctx.store.confirmLater(outcome.payment.id, ctx.confirmAfterMs);
  if (afterChargeMs) await sleep(afterChargeMs); // charged, but the answer is slow (or lost)
  if (!res.destroyed) sendJson(res, outcome.kind === 'created' ? 201 : 200, view(outcome.payment, ctx));
}

async function getPayment(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  if (!ctx.store.get(id)) return sendJson(res, 404, apiError('not_found', `no payment with id "${id}"`));
  const waitText = query.get('waitMs');
  if (waitText === null) {
    await slow(ctx, 'query', ctx.store.get(id)!);
    return sendJson(res, 200, view(ctx.store.get(id)!, ctx));
  }
  const waitMs = Number(waitText);
  const known = query.get('status');
  if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > MAX_WAIT_MS) {
    return sendJson(
      res,
      400,
      apiError('invalid_input', `waitMs: must be a whole number from 0 to ${MAX_WAIT_MS}`),
    );
  }
  if (!STATUSES.includes(known as (typeof STATUSES)[number])) {
    return sendJson(
      res,
      400,
      apiError('invalid_input', `status: must be one of ${STATUSES.join(', ')} when waitMs is given`),
    );
  }
  const payment = ctx.store.get(id)!;
  // Already changed, or a repeated notification is due: answer now. Else wait for the change.
  let carries = payment.status !== known || ctx.store.takeRedelivery(payment.id);
  if (!carries) {
    carries = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), waitMs);
      const dispose = ctx.store.onChange(id, known!, () => done(true));
      const closed = () => done(false);
      req.socket.once('close', closed);
      function done(changed: boolean) {
        clearTimeout(timer);
        dispose();
        req.socket.off('close', closed);
        resolve(changed);
      }
    });
  }
  await slow(ctx, 'wait', payment);
  await lateNotification(req, ctx, ctx.store.get(id)!, known!);
  if (res.destroyed) return;
  const now = ctx.store.get(id)!;
  if (carries || now.status !== known) ctx.store.delivered(now.id);
  sendJson(res, 200, view(now, ctx));
}

async function payerDecides(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  id: string,
  decision: 'approve' | 'decline',
): Promise<void> {
  await readBody(req, MAX_BODY_BYTES); // the form body carries nothing we need
  const bank = decision === 'approve' && ctx.faults.take('decline', 'approve', ctx.store.get(id) ?? {});
  const outcome =
    decision === 'approve' && !bank
      ? ctx.store.transition(id, 'paid', null)
      : ctx.store.transition(id, 'declined', bank ? BANK_DECLINE : 'declined by the payer');
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  if (!outcome.ok && !outcome.payment) {
    return wantsJson
      ? sendJson(res, 404, apiError('not_found', outcome.message))
      : sendHtml(res, 404, renderMissingPage(id));
  }
  const payment = outcome.ok ? outcome.payment : outcome.payment!;
  const status = outcome.ok ? 200 : outcome.status;
  const notice = outcome.ok ? undefined : `Cannot ${decision}: ${outcome.message}.`;
  if (wantsJson) {
    return sendJson(res, status, outcome.ok ? view(payment, ctx) : apiError('not_pending', notice ?? ''));
  }
  sendHtml(res, status, renderPayPage(payment, { merchantName: ctx.merchantName, notice }));
}

function view(payment: SimPayment, ctx: Context) {
  return {
    id: payment.id,
    reference: payment.reference,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    description: payment.description,
    expiresAt: payment.expiresAt.toISOString(),
    reason: payment.reason,
    notificationId: payment.notification?.id ?? null,
    deliveries: payment.notification?.deliveries ?? 0,
    chargeRequests: payment.chargeRequests ?? 0,
    method: payment.method,
    maskedCode: payment.maskedCode,
    payUrl: payUrl(payment, ctx),
  };
}

function payUrl(payment: SimPayment, ctx: Context): string {
  return `${ctx.payBase}/pay/${encodeURIComponent(payment.id)}`;
}

function param(match: RegExpMatchArray): string {
  try {
    return decodeURIComponent(match[1] ?? '');
  } catch {
    return match[1] ?? '';
  }
}

function apiError(code: string, message: string) {
  return { error: { code, message } };
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, apiError('method_not_allowed', `use ${allow}`), { Allow: allow });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, html, 'text/html; charset=utf-8', {
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    // Not no-referrer: under it a browser sends `Origin: null` with the form's Approve, which the
    // simulator refuses; same-origin still tells no other site which payment page was open.
    'Referrer-Policy': 'same-origin',
  });
}

function withHost(url: string, host: string | undefined): string {
  if (!host || !url) return url;
  const replaced = new URL(url);
  replaced.hostname = host;
  return replaced.toString();
}
