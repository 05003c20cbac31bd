// The payment lifecycle as a decision table: one row per rule, each row what the supervisor is told to
// do for a payment in a given state with a given answer from the provider. No I/O, no clock: milliseconds.
import { describe, expect, it } from 'vitest';
import type { BasketStatus, PaymentStatus } from '../types';
import {
  BASKET_MOVES,
  LISTEN_MAX_MS,
  PAYMENT_MOVES,
  REASONS,
  RETRY_MS,
  attendantStep,
  basketAfterPayment,
  basketMoveRefusal,
  isFinal,
  isInFlight,
  nextStep,
  paymentMoveRefusal,
  type PaymentInFlight,
  type ProviderAnswer,
  type Step,
} from './lifecycle';

const NOW = Date.parse('2026-01-01T10:00:00.000Z');
const IN_2_MIN = new Date(NOW + 120_000).toISOString();
const AGO = new Date(NOW - 1).toISOString();
const KIOSK = 'Cancelled at the kiosk';

/** A QR payment shown and waiting for the shopper's phone, unless `over` says otherwise. */
const qr = (over: Partial<PaymentInFlight> = {}): PaymentInFlight => ({
  id: 'p1',
  status: 'pending',
  method: 'merchant_presented',
  direction: 'sale',
  providerRef: 'sim_1',
  expiresAt: IN_2_MIN,
  cancelReason: null,
  charging: false,
  staleCode: false,
  retryAt: null,
  ...over,
});
/** A charged wallet code: its provider ref is our reference from the start. */
const code = (over: Partial<PaymentInFlight> = {}) =>
  qr({ method: 'customer_presented', providerRef: 'OL1', ...over });
const refund = (over: Partial<PaymentInFlight> = {}) => qr({ direction: 'refund', ...over });

const said = (call: Exclude<ProviderAnswer['call'], 'register'>, status: string, reason?: string) =>
  ({ call, status, ...(reason ? { reason } : {}) }) as ProviderAnswer;
const failed = (
  call: ProviderAnswer['call'],
  failure: 'unreachable' | 'refused' | 'not_found',
  message = 'x',
) => ({ call, failure, message }) as ProviderAnswer;
const listen = (until: number): Step => ({ kind: 'wait', until, listen: true });
const settle = (status: string, reason: string | null, effect: string, more: object = {}) =>
  ({ kind: 'settle', status, reason, effect, ...more }) as Step;

type Row = [rule: string, payment: PaymentInFlight, answer: ProviderAnswer | null, step: Step];

/** Every rule of lifecycle.ts, in the order its header lists them. */
const TABLE: Row[] = [
  // Final is final.
  ['a final payment: nothing to do', qr({ status: 'paid' }), null, { kind: 'give_up', why: 'final' }],
  [
    'an answer after final changes nothing',
    qr({ status: 'cancelled' }),
    said('wait', 'paid'),
    { kind: 'give_up', why: 'late_answer' },
  ],
  [
    'a declined charge hears paid late: nothing',
    code({ status: 'declined' }),
    said('charge', 'paid'),
    { kind: 'give_up', why: 'late_answer' },
  ],

  // QR (merchant-presented): register, listen, learn.
  [
    'QR stored, no code yet: register it',
    qr({ status: 'created', providerRef: null }),
    null,
    { kind: 'register' },
  ],
  [
    'QR unknown, the create unanswered: register again (idempotent)',
    qr({ status: 'unknown', providerRef: null }),
    null,
    { kind: 'register' },
  ],
  [
    'QR registered: record pending with its code',
    qr({ status: 'created', providerRef: null }),
    { call: 'register', providerRef: 'sim_1', qrPayload: 'http://x/pay/sim_1' },
    { kind: 'record', status: 'pending', providerRef: 'sim_1', qrPayload: 'http://x/pay/sim_1' },
  ],
  [
    'QR pending: long-poll until the expiry',
    qr({ expiresAt: new Date(NOW + 5000).toISOString() }),
    null,
    listen(NOW + 5000),
  ],
  ['QR pending, far from expiry: long-poll one window', qr(), null, listen(NOW + LISTEN_MAX_MS)],
  [
    'QR pending, a moment before expiry: long-poll at least 50 ms',
    qr({ expiresAt: new Date(NOW + 10).toISOString() }),
    null,
    listen(NOW + 50),
  ],
  [
    'QR: the window ended unchanged: listen again',
    qr(),
    said('wait', 'pending'),
    listen(NOW + LISTEN_MAX_MS),
  ],
  [
    'QR: the long-poll hears paid: write the sale',
    qr(),
    said('wait', 'paid'),
    settle('paid', null, 'write_sale'),
  ],
  ['QR: the long-poll hears declined: ask why', qr(), said('wait', 'declined'), { kind: 'query' }],
  ['QR: the long-poll hears cancelled: ask why', qr(), said('wait', 'cancelled'), { kind: 'query' }],
  [
    'QR: asked why, declined with the provider’s reason; the basket opens',
    qr(),
    said('query', 'declined', 'declined by the bank'),
    settle('declined', 'declined by the bank', 'reopen_basket'),
  ],
  [
    'QR: cancelled by the provider at expiry: our words for it',
    qr({ expiresAt: AGO }),
    said('query', 'cancelled', 'expired'),
    settle('cancelled', REASONS.qrExpired, 'reopen_basket'),
  ],
  ['QR unknown (a long-poll cut off): ask at once', qr({ status: 'unknown' }), null, { kind: 'query' }],
  [
    'QR unknown, the provider says pending: record pending',
    qr({ status: 'unknown' }),
    said('query', 'pending'),
    { kind: 'record', status: 'pending', reason: null },
  ],
  [
    'QR unknown, the provider says paid: write the sale',
    qr({ status: 'unknown' }),
    said('query', 'paid'),
    settle('paid', null, 'write_sale'),
  ],
  ['QR recovered after a restart: fetch its code again', qr({ staleCode: true }), null, { kind: 'register' }],
  [
    'QR recovered after expiry: no fresh code, cancel it',
    qr({ staleCode: true, expiresAt: AGO }),
    null,
    { kind: 'cancel', reason: REASONS.qrExpired },
  ],

  // QR: expiry and the shopper's cancel.
  [
    'QR expired: cancel at the provider',
    qr({ expiresAt: AGO }),
    null,
    { kind: 'cancel', reason: REASONS.qrExpired },
  ],
  [
    'QR cancel asked: cancel at the provider',
    qr({ cancelReason: KIOSK }),
    null,
    { kind: 'cancel', reason: KIOSK },
  ],
  [
    'QR cancel asked after expiry: the expiry is the reason',
    qr({ cancelReason: KIOSK, expiresAt: AGO }),
    null,
    { kind: 'cancel', reason: REASONS.qrExpired },
  ],
  [
    'QR cancelled at the provider: our reason',
    qr({ cancelReason: KIOSK }),
    { call: 'cancel', status: 'cancelled', ourReason: KIOSK },
    settle('cancelled', KIOSK, 'reopen_basket'),
  ],
  [
    'QR paid before the cancel landed: the sale stands',
    qr({ cancelReason: KIOSK }),
    said('cancel', 'paid'),
    settle('paid', null, 'write_sale'),
  ],
  [
    'QR declined before the cancel landed: the provider’s reason',
    qr({ cancelReason: KIOSK }),
    said('cancel', 'declined', 'declined by the bank'),
    settle('declined', 'declined by the bank', 'reopen_basket'),
  ],
  [
    'QR expired before any code: cancelled here, safely',
    qr({ status: 'unknown', providerRef: null, expiresAt: AGO }),
    null,
    settle('cancelled', REASONS.expiredBeforeShown, 'reopen_basket'),
  ],
  [
    'QR cancel asked before any code: cancelled here, safely',
    qr({ status: 'created', providerRef: null, cancelReason: KIOSK }),
    null,
    settle('cancelled', REASONS.cancelledBeforeShown, 'reopen_basket'),
  ],

  // Wallet codes (customer-presented): the charge, then the watcher.
  [
    'code: the charge is on its way: its answer comes first',
    code({ status: 'created', charging: true }),
    null,
    { kind: 'await_charge' },
  ],
  [
    'code: even at expiry, the charge’s own answer comes first',
    code({ status: 'created', charging: true, expiresAt: AGO }),
    null,
    { kind: 'await_charge' },
  ],
  [
    'code charged, paid at once: write the sale',
    code({ status: 'created', charging: true }),
    { call: 'charge', status: 'paid', providerRef: 'sim_9' },
    settle('paid', null, 'write_sale', { providerRef: 'sim_9' }),
  ],
  [
    'code charged, the shopper confirms on the phone: pending',
    code({ status: 'created', charging: true }),
    { call: 'charge', status: 'pending', providerRef: 'sim_9' },
    { kind: 'record', status: 'pending', reason: null, providerRef: 'sim_9' },
  ],
  [
    'code charged, declined: the provider’s reason; the basket opens',
    code({ status: 'created', charging: true }),
    said('charge', 'declined', 'insufficient balance'),
    settle('declined', 'insufficient balance', 'reopen_basket'),
  ],
  [
    'code charge refused outright: declined',
    code({ status: 'created', charging: true }),
    failed('charge', 'refused', 'bad code'),
    settle('declined', 'bad code', 'reopen_basket'),
  ],
  [
    'code charge unanswered: unknown, never declined',
    code({ status: 'created', charging: true }),
    failed('charge', 'unreachable', 'timeout'),
    { kind: 'record', status: 'unknown', reason: REASONS.unreachable('timeout') },
  ],
  [
    'code stored, charge unanswered (a crash): ask by our reference',
    code({ status: 'created' }),
    null,
    { kind: 'query' },
  ],
  ['code unknown: ask by our reference', code({ status: 'unknown' }), null, { kind: 'query' }],
  [
    'code asked, the provider never got the charge: reverse it',
    code({ status: 'unknown' }),
    failed('query', 'not_found'),
    { kind: 'reverse', reason: REASONS.notCharged },
  ],
  ['code pending: long-poll', code(), null, listen(NOW + LISTEN_MAX_MS)],
  [
    'code: the long-poll never heard of it: reverse it',
    code(),
    failed('wait', 'not_found'),
    { kind: 'reverse', reason: REASONS.notCharged },
  ],
  [
    'code expired: reverse it',
    code({ expiresAt: AGO }),
    null,
    { kind: 'reverse', reason: REASONS.chargeExpired },
  ],
  ['code cancel asked: reverse it', code({ cancelReason: KIOSK }), null, { kind: 'reverse', reason: KIOSK }],
  [
    'code reversed: the reason it was reversed for',
    code({ status: 'unknown' }),
    { call: 'reverse', status: 'cancelled', ourReason: REASONS.notCharged },
    settle('cancelled', REASONS.notCharged, 'reopen_basket'),
  ],
  [
    'code paid before the reversal: the sale stands',
    code({ expiresAt: AGO }),
    said('reverse', 'paid'),
    settle('paid', null, 'write_sale'),
  ],
  [
    'code declined before the reversal: the provider’s reason',
    code({ cancelReason: KIOSK }),
    said('reverse', 'declined', 'declined by the payer'),
    settle('declined', 'declined by the payer', 'reopen_basket'),
  ],
  [
    'code: a reversal it never heard of is not reversed again at once',
    code({ status: 'unknown', retryAt: NOW + RETRY_MS }),
    failed('reverse', 'not_found'),
    { kind: 'wait', until: NOW + RETRY_MS, listen: false },
  ],

  // Nobody answers.
  [
    'an unreachable provider makes it unknown',
    qr(),
    failed('wait', 'unreachable', 'ECONNRESET'),
    { kind: 'record', status: 'unknown', reason: REASONS.unreachable('ECONNRESET') },
  ],
  [
    'unknown, still unreachable: ask again after a pause',
    qr({ status: 'unknown', retryAt: NOW + RETRY_MS }),
    failed('query', 'unreachable'),
    { kind: 'wait', until: NOW + RETRY_MS, listen: false },
  ],
  [
    'a QR create refused: declined',
    qr({ status: 'created', providerRef: null }),
    failed('register', 'refused', 'amount too large'),
    settle('declined', 'amount too large', 'reopen_basket'),
  ],
  [
    'a QR the provider never heard of cannot have been paid: declined',
    qr({ status: 'unknown' }),
    failed('query', 'not_found', 'no such payment'),
    settle('declined', 'no such payment', 'reopen_basket'),
  ],

  [
    'a call failed a moment ago: the provider is left until the retry time',
    qr({ status: 'unknown', retryAt: NOW + 400 }),
    null,
    { kind: 'wait', until: NOW + 400, listen: false },
  ],
  ['the retry time has come: ask again', qr({ status: 'unknown', retryAt: NOW }), null, { kind: 'query' }],
  [
    'a charge on its way is waited for, retry time or not',
    code({ status: 'created', charging: true, retryAt: NOW + 400 }),
    null,
    { kind: 'await_charge' },
  ],

  // Refunds: the same states, the other direction.
  [
    'refund stored: ask the provider for it',
    refund({ status: 'created', providerRef: null }),
    null,
    { kind: 'register' },
  ],
  [
    'refund asked: pending',
    refund({ status: 'created', providerRef: null }),
    { call: 'register', providerRef: 'rf_1', qrPayload: '' },
    { kind: 'record', status: 'pending', providerRef: 'rf_1', qrPayload: '' },
  ],
  [
    'refund pending: long-poll, it never expires',
    refund({ expiresAt: AGO }),
    null,
    listen(NOW + LISTEN_MAX_MS),
  ],
  ['refund unknown: ask', refund({ status: 'unknown' }), null, { kind: 'query' }],
  [
    'refund the provider never got: ask for it again, same reference',
    refund({ status: 'unknown' }),
    failed('query', 'not_found'),
    { kind: 'register' },
  ],
  [
    'refund paid: record it against its sale',
    refund(),
    said('query', 'paid'),
    settle('paid', null, 'record_refund'),
  ],
  [
    'refund declined: final, nothing else changes',
    refund(),
    said('query', 'declined', 'refund window over'),
    settle('declined', 'refund window over', 'none'),
  ],
  [
    'a refund is not withdrawn by a cancel: followed to its end',
    refund({ cancelReason: KIOSK }),
    null,
    listen(NOW + LISTEN_MAX_MS),
  ],
];

describe('nextStep: the decision table', () => {
  it.each(TABLE)('%s', (_rule, payment, answer, step) => {
    expect(nextStep(payment, answer, NOW)).toEqual(step);
  });

  it('has one row per rule, and every kind of step appears', () => {
    expect(new Set(TABLE.map(([rule]) => rule)).size).toBe(TABLE.length);
    const kinds = new Set(TABLE.map(([, , , step]) => step.kind));
    expect([...kinds].sort()).toEqual(
      [
        'await_charge',
        'cancel',
        'give_up',
        'query',
        'record',
        'register',
        'reverse',
        'settle',
        'wait',
      ].sort(),
    );
  });

  it('never settles a sale payment paid without the provider’s word', () => {
    const statuses: PaymentStatus[] = ['created', 'pending', 'unknown'];
    const answers: (ProviderAnswer | null)[] = [
      null,
      failed('query', 'unreachable'),
      failed('wait', 'not_found'),
      failed('charge', 'refused'),
      said('query', 'pending'),
      said('wait', 'declined'),
    ];
    for (const status of statuses)
      for (const make of [qr, code, refund])
        for (const answer of answers)
          for (const expiresAt of [AGO, IN_2_MIN])
            for (const cancelReason of [null, KIOSK]) {
              const step = nextStep(make({ status, expiresAt, cancelReason }), answer, NOW);
              expect(step.kind === 'settle' && step.status === 'paid').toBe(false);
            }
  });
});

describe('attendantStep: an attendant vouching for a payment', () => {
  it.each([
    ['pending', qr()],
    ['unknown', qr({ status: 'unknown' })],
    ['unknown charge', code({ status: 'unknown' })],
  ])('a %s payment becomes paid, naming the attendant', (_name, payment) => {
    expect(attendantStep(payment, 'A01')).toEqual({
      ok: true,
      value: { kind: 'settle', status: 'paid', reason: null, effect: 'write_sale', confirmedBy: 'A01' },
    });
  });

  it.each([
    ['created', qr({ status: 'created' }), 'payment_not_in_flight', /not reached the payment provider/],
    ['paid', qr({ status: 'paid' }), 'payment_not_in_flight', /already paid, which is final/],
    ['cancelled', qr({ status: 'cancelled' }), 'payment_not_in_flight', /already cancelled/],
    ['being cancelled', qr({ cancelReason: KIOSK }), 'payment_cancelling', /asked to cancel/],
    ['refund', refund(), 'payment_not_in_flight', /refund/],
  ])('a %s payment is refused', (_name, payment, code, message) => {
    const result = attendantStep(payment, 'A01');
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

const PAYMENT_STATUSES = Object.keys(PAYMENT_MOVES) as PaymentStatus[];
const BASKET_STATUSES = Object.keys(BASKET_MOVES) as BasketStatus[];

describe('the allowed moves', () => {
  it('a payment moves only along PAYMENT_MOVES; every other move is refused, naming both ends', () => {
    let refused = 0;
    for (const from of PAYMENT_STATUSES)
      for (const to of PAYMENT_STATUSES) {
        const refusal = paymentMoveRefusal(from, to);
        if (from === to || PAYMENT_MOVES[from].includes(to)) expect(refusal, `${from}→${to}`).toBeNull();
        else {
          refused++;
          expect(refusal, `${from}→${to}`).toMatch(
            isFinal(from) ? /final/ : new RegExp(`from ${from} to ${to}`),
          );
        }
      }
    // 6 statuses: 30 real moves, of which 12 allowed (4 from each status in flight).
    expect(refused).toBe(30 - 12);
  });

  it('paid, declined and cancelled are final; the rest are in flight', () => {
    expect(PAYMENT_STATUSES.filter(isFinal).sort()).toEqual(['cancelled', 'declined', 'paid']);
    expect(PAYMENT_STATUSES.filter(isInFlight).sort()).toEqual(['created', 'pending', 'unknown']);
  });

  it('a basket moves open → paying → paid → closed, and paying → open; every other move is refused', () => {
    const allowed: string[] = [];
    for (const from of BASKET_STATUSES)
      for (const to of BASKET_STATUSES) {
        const refusal = basketMoveRefusal(from, to);
        if (refusal === null) allowed.push(`${from}→${to}`);
        else expect(refusal).toContain(`from ${from} to ${to}`);
      }
    expect(allowed.sort()).toEqual(['open→paying', 'paid→closed', 'paying→open', 'paying→paid']);
  });

  it('a paying basket follows its payment: paid with the sale, open again when it ends unpaid', () => {
    const table: [BasketStatus, PaymentStatus, BasketStatus][] = [
      ['paying', 'paid', 'paid'],
      ['paying', 'declined', 'open'],
      ['paying', 'cancelled', 'open'],
      ['paying', 'pending', 'paying'],
      ['paying', 'unknown', 'paying'],
      ['paying', 'created', 'paying'],
      ['open', 'cancelled', 'open'],
      ['paid', 'paid', 'paid'],
      ['closed', 'declined', 'closed'],
    ];
    for (const [basket, payment, after] of table)
      expect(basketAfterPayment(basket, payment), `${basket} + ${payment}`).toBe(after);
  });
});
