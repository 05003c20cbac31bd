// A lane's half of the link. It reports its state and its open calls to the console every second and
// at once on any change, raises calls for what it already knows needs staff (Help, an unknown item, a
// payment it cannot confirm, a scanner or printer gone), and carries out the console's commands. It
// never waits for the console to sell: calls are in its SQLite, and go when the console answers.
import {
  acknowledgeCall,
  handleCall,
  handleCallsOfKind,
  laneMode,
  markCallsDelivered,
  openLaneCalls,
  raiseLaneCall,
  setLaneMode,
  type LaneCallRow,
} from '../../db/lane-calls';
import { fail, ok, type Failure, type Result } from '../../core/result';
import type { Database } from '../../db/open';
import type { SessionView, TerminalApi, TerminalEvent } from '../api/contract';
import type { HelpCallStatus, LaneCallView, LaneSelfView, LinkStatusView } from '../api/lanes-contract';
import type { StaffAct } from '../../core/staff/roles';
import { createStaffGate } from '../checkout/attendants';
import type { EventHub } from '../events';
import type { Settings } from '../settings';
import type { AgeChecks } from './age-checks';
import type { LotChecks } from './lot-checks';
import type { StoreKeyRing } from './key-ring';
import { linkRequest, type LinkRoute } from './link-http';
import {
  commandSchema,
  REPORT_PATH,
  reportAnswerSchema,
  type LaneCommand,
  type LaneReport,
} from './protocol';

/** A lane reports this often even when nothing changed: the console's "offline" is a missed beat. */
export const HEARTBEAT_MS = 1000;
/** A call the console has not taken within this long: the kiosk says honestly that nobody answered. */
export const UNANSWERED_MS = 4000;

export interface LaneSide {
  handlers: Pick<TerminalApi, 'lane.self' | 'lane.callHelp'>;
  /** The route the console's commands arrive on. */
  command: LinkRoute;
  /** Why the lane takes no scan or payment now (paused or closed), or null. */
  blocked(): Failure | null;
  /** A scan typed or shown to the camera was refused (serial scans arrive as scan.rejected events). */
  scanRefused(code: string, error: { code: string }): void;
  /** Starts reporting; `port` is where this lane's link listens. */
  start(port: number): void;
  /** The link's status changed (a store key arrived from HQ): the kiosk's Help hears of it. */
  refresh(): void;
  /** A weighing stuck for the scale's `problem` calls an attendant; null closes that call (weight-checks.ts). */
  weightCheck(problem: string | null): void;
  close(): void;
}

export interface LaneSideOptions {
  db: Database;
  settings: Settings;
  /** The lane's own API, for its session and the attendant's "mark as paid". */
  api: Pick<TerminalApi, 'session.get' | 'payment.markPaid'>;
  events: EventHub;
  ageChecks: AgeChecks;
  lotChecks: LotChecks;
  /** The link's own status: off (and why) without a key or a console address. */
  link: LinkStatusView;
  /** The store key(s): settings.json's, or HQ's. */
  keys: StoreKeyRing;
}

export function createLaneSide(options: LaneSideOptions): LaneSide {
  const { db, settings, events } = options;
  const { keys } = options;
  const consoleUrl = () => (keys.current() ? settings.lanes.console : null);
  const gate = createStaffGate(settings);
  let port = 0;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let inFlight = false;
  let again = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const helpStatus = (call: LaneCallRow): HelpCallStatus => {
    if (call.acknowledged_at) return 'coming';
    if (call.delivered_at) return 'waiting';
    if (!consoleUrl()) return 'unanswered';
    return Date.now() - Date.parse(call.raised_at) >= UNANSWERED_MS ? 'unanswered' : 'calling';
  };
  const self = (): LaneSelfView => {
    const help = openLaneCalls(db).find((call) => call.kind === 'help');
    return {
      mode: laneMode(db),
      help: help ? { callId: help.id, status: helpStatus(help) } : null,
      link: options.link,
    };
  };
  const changed = () => {
    if (closed || !db.open) return;
    events.emit({ type: 'lane.self', lane: self() });
    void push();
  };

  const report = async (): Promise<LaneReport> => {
    const session = await options.api['session.get']({});
    const view = session.ok ? session.value : null;
    const calls = [
      ...ageCheckCalls(options.ageChecks),
      ...lotCheckCalls(options.lotChecks),
      ...openLaneCalls(db).map(callView),
    ];
    calls.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
    return {
      laneId: settings.terminalId,
      name: settings.terminalId,
      port,
      mode: laneMode(db),
      ...activityOf(view, settings.currency),
      calls,
    };
  };

  /** One report in flight at a time; a change meanwhile sends one more right after. */
  const push = async (): Promise<void> => {
    const url = consoleUrl();
    const key = keys.current();
    if (!url || !key || port === 0) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      do {
        again = false;
        if (closed || !db.open) return;
        const answer = await linkRequest(
          { url, key, fallbackKey: keys.previous(), from: settings.terminalId },
          REPORT_PATH,
          await report(),
          2000,
        );
        if (closed || !db.open) return;
        const received = answer.ok ? reportAnswerSchema.safeParse(answer.value) : null;
        if (received?.success && markCallsDelivered(db, received.data.received) > 0)
          events.emit({ type: 'lane.self', lane: self() });
      } while (again);
    } finally {
      inFlight = false;
    }
  };

  const raise = (call: Parameters<typeof raiseLaneCall>[1]) => {
    const row = raiseLaneCall(db, call);
    if (row.kind === 'help' && !row.delivered_at) {
      // The kiosk turns "Calling…" into "nobody answered" if the console has not taken it by then.
      const timer = setTimeout(() => {
        timers.delete(timer);
        changed();
      }, UNANSWERED_MS + 50);
      timers.add(timer);
    }
    changed();
    return row;
  };

  const unsubscribe = events.subscribe((event) => {
    if (closed || !db.open) return;
    const call = callFor(event);
    if (call === 'settle-payment' && event.type === 'payment.changed') {
      if (handleCallsOfKind(db, 'payment-unconfirmed', 'lane', { paymentId: event.payment.id }) > 0)
        changed();
    } else if (call === 'device-back') {
      if (handleCallsOfKind(db, 'device-fault', 'lane') > 0) changed();
    } else if (call && call !== 'settle-payment') raise(call);
    if (REPORTED_EVENTS.has(event.type)) void push();
  });

  const command: LinkRoute = async ({ from, body }) => {
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success)
      return fail('invalid_command', `Not a lane command: ${parsed.error.issues[0]?.message}`);
    const result = await carryOut(parsed.data, from);
    if (!result.ok || parsed.data.command === 'basket') return result;
    changed();
    return ok({ report: await report(), result: result.value });
  };

  /** A decision the lane takes only on a badge and PIN whose role may do it (checked here, by the lane). */
  const asStaff = (
    cmd: { badge: string; pin: string },
    act: StaffAct,
    decide: (attendantId: string) => Result<unknown>,
  ): Result<unknown> => {
    const staff = gate.check(cmd.badge, cmd.pin, act);
    return staff.ok ? decide(staff.attendant.id) : fail(staff.code, staff.message);
  };

  const carryOut = async (cmd: LaneCommand, from: string): Promise<Result<unknown>> => {
    switch (cmd.command) {
      case 'acknowledge':
        return acknowledgeCall(db, cmd.callId) ? ok(null) : noCall(cmd.callId);
      case 'handle':
        return handleCall(db, cmd.callId, from) ? ok(null) : noCall(cmd.callId);
      case 'set-mode':
        setLaneMode(db, cmd.mode);
        return ok(null);
      case 'basket': {
        const session = await options.api['session.get']({});
        return session.ok ? ok({ basket: session.value.basket }) : session;
      }
      case 'mark-paid': {
        const paid = await options.api['payment.markPaid']({
          paymentId: cmd.paymentId,
          badge: cmd.badge,
          pin: cmd.pin,
          reason: cmd.reason,
        });
        return paid.ok ? ok(null) : paid;
      }
      case 'age-check':
        return asStaff(cmd, 'age_check', (attendantId) =>
          options.ageChecks.decide({ checkId: cmd.checkId, attendantId, approve: cmd.approve, age: cmd.age }),
        );
      case 'lot-check':
        return asStaff(cmd, 'lot_check', (attendantId) =>
          options.lotChecks.decide({ checkId: cmd.checkId, attendantId, accept: cmd.accept }),
        );
    }
  };

  return {
    handlers: {
      'lane.self': async () => ok(self()),
      'lane.callHelp': async () => {
        raise({ kind: 'help', detail: '' });
        return ok(self());
      },
    },
    command,
    blocked() {
      const mode = laneMode(db);
      if (mode === 'open') return null;
      return fail('lane_closed', `This lane is ${mode}: it takes no scans or payments until it is opened`);
    },
    scanRefused(code, error) {
      if (!closed && error.code === 'item_not_found') raise({ kind: 'unknown-item', detail: code });
    },
    start(listening) {
      port = listening;
      heartbeat = setInterval(() => void push(), HEARTBEAT_MS);
      heartbeat.unref();
      void push();
    },
    refresh: () => changed(),
    weightCheck(problem) {
      if (closed || !db.open) return;
      if (problem !== null) raise({ kind: 'weight-check', detail: problem });
      else if (handleCallsOfKind(db, 'weight-check', 'lane') > 0) changed();
    },
    close() {
      closed = true;
      unsubscribe();
      if (heartbeat) clearInterval(heartbeat);
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/** Events that change what the console shows of this lane. */
const REPORTED_EVENTS = new Set<TerminalEvent['type']>([
  'basket.changed',
  'payment.changed',
  'sale.completed',
  'session.reset',
]);

/** The call an event raises, or what it settles. */
function callFor(
  event: TerminalEvent,
): Parameters<typeof raiseLaneCall>[1] | 'settle-payment' | 'device-back' | null {
  if (event.type === 'scan.rejected' && event.error.code === 'item_not_found')
    return { kind: 'unknown-item', detail: event.code };
  if (event.type === 'payment.changed') {
    const payment = event.payment;
    if (payment.status === 'unknown')
      return {
        kind: 'payment-unconfirmed',
        detail: payment.failureReason ?? '',
        paymentId: payment.id,
      };
    return payment.status === 'paid' || payment.status === 'cancelled' || payment.status === 'declined'
      ? 'settle-payment'
      : null;
  }
  if (event.type === 'scanner.status')
    return event.scanner.connected ? 'device-back' : { kind: 'device-fault', detail: event.scanner.path };
  if (event.type === 'printer.status')
    return event.printer.connected ? 'device-back' : { kind: 'device-fault', detail: event.printer.path };
  return null;
}

function noCall(callId: string): Failure {
  return fail('call_not_found', `This lane has no open call ${callId}`);
}

function callView(row: LaneCallRow): LaneCallView {
  return {
    id: row.id,
    kind: row.kind as LaneCallView['kind'],
    detail: row.detail,
    raisedAt: row.raised_at,
    delivered: row.delivered_at !== null,
    acknowledged: row.acknowledged_at !== null,
    paymentId: row.payment_id,
    checkId: row.check_id,
  };
}

/** The lane's pending age and lot checks as calls; they live in the checkout's own tables, not lane_calls. */
function checkCall(
  kind: 'age-check' | 'lot-check',
  checkId: string,
  detail: string,
  raisedAt: string,
): LaneCallView {
  const prefix = kind === 'age-check' ? 'age' : 'lot';
  return {
    id: `${prefix}-${checkId}`.slice(0, 64),
    kind,
    detail: detail.slice(0, 200),
    raisedAt,
    delivered: true,
    acknowledged: false,
    checkId,
  };
}

function ageCheckCalls(ageChecks: AgeChecks): LaneCallView[] {
  return ageChecks
    .pending()
    .map((check) =>
      checkCall('age-check', check.checkId, `${check.minimumAge}+: ${check.detail}`, check.raisedAt),
    );
}

function lotCheckCalls(lotChecks: LotChecks): LaneCallView[] {
  return lotChecks
    .pending()
    .map((check) => checkCall('lot-check', check.checkId, check.name, check.raisedAt));
}

/** What the lane is doing, from its session: a receipt shown, a payment in flight, a basket, or nothing. */
function activityOf(session: SessionView | null, currency: string) {
  const basket = session?.basket ?? null;
  const payment = session?.payment ?? null;
  const items = basket?.totals.itemCount ?? 0;
  const total = basket?.totals.total ?? 0;
  const inFlight = payment && ['created', 'pending', 'unknown'].includes(payment.status) ? payment : null;
  const activity: LaneReport['activity'] = session?.receipt
    ? 'paid'
    : inFlight
      ? 'paying'
      : items > 0
        ? 'shopping'
        : 'idle';
  return { activity, items, total, currency: basket?.currency ?? currency, paymentId: inFlight?.id ?? null };
}
