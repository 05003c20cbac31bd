// The payment simulator's fault modes: what a real acquirer and the network between do to a payment,
// switched on by a test so the checkout's state machine can be driven through every one of them on
// real HTTP. They exist only in a simulator started for tests: `startPaymentSimulator({ testFaults: [] })`
// (test/helpers/checkout.ts does it), or `openlane serve` with OPENLANE_TEST_SIMULATOR_FAULTS=1 in its
// environment (the end-to-end tests). A normal start answers /api/faults with 404.
//
// Switch them on with `startPaymentSimulator({ testFaults: [...] })`, or at run time:
//   POST   /api/faults  {"mode": "...", "ms"?: N, "times"?: N, "reference"?: "...", "amount"?: N}
//   GET    /api/faults  the faults in force
//   DELETE /api/faults  all off
// `reference` / `amount` limit a fault to one payment (the kiosk's basket total is known to a test
// before it pays); `times` switches it off after that many requests it acted on.
//
//   slow                   every API request is held `ms` (default 1500) before it is handled: the
//                          answer is late, the outcome is the same.
//   timeout_before_charge  a create or charge is held until the client gives up (or `ms`, default
//                          60 s), then dropped: it never reaches the store, nothing is created or charged.
//   timeout_after_charge   a create, charge or cancel is carried out at once, then its answer is held
//                          until the client gives up (or `ms`) and the connection dropped: charged,
//                          answer lost (WeChat Pay's Micropay SYSTEMERROR / a read timeout).
//   duplicate_notify       every status change is notified twice, with the same notification id: once
//                          when it happens, and again `ms` (default 100) later to every open long-poll
//                          of the payment and to the next one asked, whatever status that one knows —
//                          as WeChat Pay says "the same notification may be sent to the merchant several
//                          times; the merchant must handle repeated notifications".
//   late_notify            the change reaches long-polls only `ms` (default 5000) after it happened —
//                          after the kiosk may have given up or the payment expired; query and cancel
//                          still tell the truth at once, as WeChat Pay's order query does.
//   decline                a charge is declined whatever the code, and the payer's Approve on the pay
//                          page declines ("declined by the bank"): a definite answer, not an outage.
//
// Refunds (POST /api/refunds, GET /api/refunds/{reference}: refund-routes.ts) meet the same modes:
// `slow` holds a refund or its query; `timeout_before_charge` drops a refund before it is made;
// `timeout_after_charge` makes it and drops the answer (the client must ask again: queryRefund, or the
// same refund once more, which never refunds twice); `decline` has the bank turn a refund down. And:
//   refund_pending         a refund is accepted but stays pending `ms` (default 2000), then goes
//                          through — as WeChat Pay's refunds answer PROCESSING before SUCCESS.
// `duplicate_notify` on a refund: the same refund request arrives a second time `ms` later (a retried or
// duplicated delivery, as WeChat Pay warns its notifications may be), and must change nothing: the
// refund book answers it with the refund already made and counts it in the refund's `requests`.
import { z } from 'zod';

export const FAULT_MODES = [
  'slow',
  'timeout_before_charge',
  'timeout_after_charge',
  'duplicate_notify',
  'late_notify',
  'decline',
  'refund_pending',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

/** Which simulator request a fault is asked about. */
export type FaultedRequest =
  'create' | 'charge' | 'query' | 'cancel' | 'wait' | 'approve' | 'refund' | 'refund_query';

export const faultSchema = z.strictObject({
  mode: z.enum(FAULT_MODES, { error: `must be one of ${FAULT_MODES.join(', ')}` }),
  ms: z.number().int('must be a whole number').min(0).max(600_000).optional(),
  times: z.number().int('must be a whole number').positive('must be positive').optional(),
  reference: z.string().min(1).max(64).optional(),
  amount: z.number().int().positive().optional(),
});

export type Fault = z.infer<typeof faultSchema>;

/** Default delays by mode, where the mode has one. */
const DEFAULT_MS: Partial<Record<FaultMode, number>> = {
  slow: 1500,
  timeout_before_charge: 60_000,
  timeout_after_charge: 60_000,
  duplicate_notify: 100,
  late_notify: 5000,
  refund_pending: 2000,
};

/** The requests each mode acts on. */
const ACTS_ON: Record<FaultMode, readonly FaultedRequest[]> = {
  slow: ['create', 'charge', 'query', 'cancel', 'wait', 'refund', 'refund_query'],
  timeout_before_charge: ['create', 'charge', 'refund'],
  timeout_after_charge: ['create', 'charge', 'cancel', 'refund'],
  duplicate_notify: ['wait', 'refund'],
  late_notify: ['wait'],
  decline: ['charge', 'approve', 'refund'],
  refund_pending: ['refund'],
};

/** What a request is about, for a fault limited to one payment. */
export interface FaultTarget {
  reference?: string;
  amount?: number;
}

export function createFaults(initial: readonly Fault[] = []) {
  const active: { fault: Fault; left: number }[] = [];
  const add = (fault: Fault) => active.push({ fault, left: fault.times ?? Infinity });
  initial.forEach((fault) => add(faultSchema.parse(fault)));

  const matches = (fault: Fault, target: FaultTarget) =>
    (fault.reference === undefined || fault.reference === target.reference) &&
    (fault.amount === undefined || fault.amount === target.amount);

  return {
    add,
    clear: () => void active.splice(0),
    list: (): Fault[] => active.map((a) => a.fault),

    /**
     * The fault of `mode` that applies to this request, with its delay; counts one use of it. Null when
     * the mode is off for it. A request without a target (a long-poll on a payment we resolve later)
     * matches only unlimited faults.
     */
    take(mode: FaultMode, request: FaultedRequest, target: FaultTarget = {}): { ms: number } | null {
      const index = active.findIndex(
        (a) => a.fault.mode === mode && ACTS_ON[mode].includes(request) && matches(a.fault, target),
      );
      if (index < 0) return null;
      const entry = active[index]!;
      if (--entry.left <= 0) active.splice(index, 1);
      return { ms: entry.fault.ms ?? DEFAULT_MS[mode] ?? 0 };
    },

    /** Like take, without counting a use: for modes that shape every notification of a payment. */
    peek(mode: FaultMode, request: FaultedRequest, target: FaultTarget = {}): { ms: number } | null {
      const entry = active.find(
        (a) => a.fault.mode === mode && ACTS_ON[mode].includes(request) && matches(a.fault, target),
      );
      return entry ? { ms: entry.fault.ms ?? DEFAULT_MS[mode] ?? 0 } : null;
    },
  };
}

export type SimulatorFaults = ReturnType<typeof createFaults>;
