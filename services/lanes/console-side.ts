// The attendant console's half of the link: the board of every lane, made from the reports lanes push
// (a lane not heard from for `offlineSeconds` is shown offline), and the attendant's commands sent to
// a lane. The screen gets the whole board as one event on every change, so it never has to poll.
import { fail, ok, type Result } from '../../core/result';
import type { BasketView, TerminalApi } from '../api/contract';
import type { LaneBoardEntry, LaneBoardView, LinkStatusView } from '../api/lanes-contract';
import type { StoreLane } from '../../core/sync';
import type { EventHub } from '../events';
import type { Settings } from '../settings';
import type { StoreKeyRing } from './key-ring';
import { linkRequest, type LinkRoute } from './link-http';
import { COMMAND_PATH, reportSchema, type LaneCommand, type LaneReport } from './protocol';

export type ConsoleHandlers = Pick<
  TerminalApi,
  | 'lanes.board'
  | 'lanes.acknowledge'
  | 'lanes.handle'
  | 'lanes.setMode'
  | 'lanes.basket'
  | 'lanes.markPaid'
  | 'lanes.ageCheck'
  | 'lanes.lotCheck'
>;

export interface ConsoleSide {
  handlers: ConsoleHandlers;
  /** The route lanes' reports arrive on. */
  report: LinkRoute;
  /** The store's kiosks as HQ lists them: each shows on the board, offline until it reports. */
  learn(hqLanes: readonly StoreLane[]): void;
  close(): void;
}

interface Known {
  entry: LaneBoardEntry;
  lastSeen: number;
  /** Where commands go: settings' address for the lane, else where its reports come from. */
  url: string | null;
}

/** How often the console looks for lanes gone quiet. */
const OFFLINE_CHECK_MS = 250;

export function createConsoleSide(options: {
  settings: Settings;
  events: EventHub;
  link: LinkStatusView;
  keys: StoreKeyRing;
  now?: () => number;
}): ConsoleSide {
  const { settings, events } = options;
  const now = options.now ?? Date.now;
  const offlineMs = settings.lanes.offlineSeconds * 1000;
  const lanes = new Map<string, Known>();
  for (const lane of settings.lanes.lanes)
    lanes.set(lane.id, { entry: emptyEntry(lane.id, settings.currency), lastSeen: 0, url: lane.url });
  /** HQ's names for the lanes it lists (the name it was enrolled with). */
  const hqNames = new Map<string, string | null>();

  const board = (): LaneBoardView => {
    const entries = [...lanes.values()].map((known) => known.entry);
    entries.sort((a, b) => a.laneId.localeCompare(b.laneId, 'en', { numeric: true }));
    const queue = entries
      .flatMap((lane) => lane.calls.map((call) => ({ ...call, laneId: lane.laneId })))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
    return { lanes: entries, queue, link: options.link };
  };
  const publish = () => events.emit({ type: 'lanes.board', board: board() });

  const take = (report: LaneReport, remoteAddress: string | null) => {
    const known = lanes.get(report.laneId);
    const listed = settings.lanes.lanes.find((lane) => lane.id === report.laneId);
    const url =
      listed?.url ?? (remoteAddress ? addressUrl(remoteAddress, report.port) : (known?.url ?? null));
    const { port: _port, ...state } = report;
    const t = now();
    lanes.set(report.laneId, {
      // Every call in a report is delivered by definition: the console holds it now.
      entry: {
        ...state,
        name: hqNames.get(report.laneId) ?? state.name,
        calls: state.calls.map((call) => ({ ...call, delivered: true })),
        online: true,
        lastSeenAt: new Date(t).toISOString(),
      },
      lastSeen: t,
      url,
    });
  };

  const ticker = setInterval(() => {
    let gone = false;
    for (const known of lanes.values()) {
      if (known.entry.online && now() - known.lastSeen > offlineMs) {
        known.entry = { ...known.entry, online: false };
        gone = true;
      }
    }
    if (gone) publish();
  }, OFFLINE_CHECK_MS);
  ticker.unref();

  const send = async (laneId: string, command: LaneCommand): Promise<Result<unknown>> => {
    const known = lanes.get(laneId);
    if (!known) return fail('lane_unknown', `No lane ${laneId} is known to this console`);
    const key = options.keys.current();
    if (!key || !known.url) return fail('link_off', options.link.problem ?? `No address for lane ${laneId}`);
    const answer = await linkRequest(
      { url: known.url, key, fallbackKey: options.keys.previous(), from: settings.terminalId },
      COMMAND_PATH,
      command,
    );
    if (answer.ok && command.command !== 'basket') {
      const fresh = reportSchema.safeParse((answer.value as { report?: unknown } | null)?.report);
      if (fresh.success) {
        take(fresh.data, null);
        publish();
      }
    }
    return answer;
  };
  const boardAfter = async (laneId: string, command: LaneCommand) => {
    const answer = await send(laneId, command);
    return answer.ok ? ok(board()) : answer;
  };

  return {
    report: async ({ from, remoteAddress, body }) => {
      const parsed = reportSchema.safeParse(body);
      if (!parsed.success)
        return fail('invalid_report', `Not a lane report: ${parsed.error.issues[0]?.message}`);
      if (parsed.data.laneId !== from)
        return fail('invalid_report', `Terminal ${from} may not report for lane ${parsed.data.laneId}`);
      take(parsed.data, remoteAddress);
      publish();
      return ok({ received: parsed.data.calls.map((call) => call.id) });
    },
    handlers: {
      'lanes.board': async () => ok(board()),
      'lanes.acknowledge': ({ laneId, callId }) => boardAfter(laneId, { command: 'acknowledge', callId }),
      'lanes.handle': ({ laneId, callId }) => boardAfter(laneId, { command: 'handle', callId }),
      'lanes.setMode': ({ laneId, mode }) => boardAfter(laneId, { command: 'set-mode', mode }),
      'lanes.markPaid': ({ laneId, ...rest }) => boardAfter(laneId, { command: 'mark-paid', ...rest }),
      'lanes.ageCheck': ({ laneId, ...rest }) => boardAfter(laneId, { command: 'age-check', ...rest }),
      'lanes.lotCheck': ({ laneId, ...rest }) => boardAfter(laneId, { command: 'lot-check', ...rest }),
      'lanes.basket': async ({ laneId }) => {
        const answer = await send(laneId, { command: 'basket' });
        if (!answer.ok) return answer;
        const basket = (answer.value as { basket?: BasketView | null } | null)?.basket ?? null;
        return ok({ laneId, basket });
      },
    },
    learn(hqLanes) {
      hqNames.clear();
      for (const lane of hqLanes) hqNames.set(lane.terminalId, lane.name);
      const listed = new Set(settings.lanes.lanes.map((lane) => lane.id));
      for (const [id, known] of lanes)
        // A lane HQ no longer lists (revoked, re-enrolled as a counter) goes, unless settings name it or it reported.
        if (!hqNames.has(id) && !listed.has(id) && known.lastSeen === 0) lanes.delete(id);
      for (const [id, name] of hqNames) {
        const known = lanes.get(id);
        if (known) known.entry = { ...known.entry, name: name ?? known.entry.name };
        else
          lanes.set(id, {
            entry: { ...emptyEntry(id, settings.currency), name: name ?? id },
            lastSeen: 0,
            url: null,
          });
      }
      publish();
    },
    close: () => clearInterval(ticker),
  };
}

function emptyEntry(laneId: string, currency: string): LaneBoardEntry {
  return {
    laneId,
    name: laneId,
    online: false,
    mode: 'open',
    activity: 'idle',
    items: 0,
    total: 0,
    currency,
    calls: [],
    lastSeenAt: null,
    paymentId: null,
  };
}

/** The link address of a lane that reported from `address` (IPv4-mapped IPv6 unwrapped). */
function addressUrl(address: string, port: number): string {
  const host = address.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
