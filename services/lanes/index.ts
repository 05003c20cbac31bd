// The lane link of one terminal: a kiosk is a lane (it reports to the console and takes its commands),
// the attendant role is the console. Without a store key nothing listens, and both say why; a key that
// arrives later (HQ's, on the first sync after enrolment) starts the link then.
import { fail, type Failure } from '../../core/result';
import type { Database } from '../../db/open';
import type { TerminalApi } from '../api/contract';
import type { LinkStatusView } from '../api/lanes-contract';
import type { EventHub } from '../events';
import type { Settings } from '../settings';
import { ageChecksUnavailable, type AgeChecks } from './age-checks';
import { lotChecksUnavailable, type LotChecks } from './lot-checks';
import { createConsoleSide, type ConsoleHandlers, type ConsoleSide } from './console-side';
import { fixedKeyRing, type StoreKeyRing } from './key-ring';
import { createLaneSide, type LaneSide } from './lane-side';
import { startLinkServer, type LinkRoute, type LinkServer } from './link-http';
import { watchWeighing, type WeighingSource } from './weight-checks';
import { COMMAND_PATH, REPORT_PATH } from './protocol';

export type LaneLinkHandlers = Pick<TerminalApi, 'lane.self' | 'lane.callHelp'> & ConsoleHandlers;

export interface LaneLink {
  handlers: LaneLinkHandlers;
  /** Why this lane takes no scan or payment now (paused or closed by the attendant), or null. */
  blocked(): Failure | null;
  /** A scan the lane's API refused: an unknown item calls an attendant. */
  scanRefused(code: string, error: { code: string }): void;
  /** Where the link listens, or null when it is off. */
  readonly port: number | null;
  close(): Promise<void>;
}

export async function startLaneLink(options: {
  db: Database;
  settings: Settings;
  api: Pick<TerminalApi, 'session.get' | 'payment.markPaid'>;
  events: EventHub;
  ageChecks?: AgeChecks;
  lotChecks?: LotChecks;
  /** The store key(s): settings.json's `lanes.key`, else HQ's (services/lanes/key-ring.ts). */
  keys?: StoreKeyRing;
  /** The kiosk's scale: a weighing stuck on it calls an attendant (weight-checks.ts). */
  scale?: WeighingSource | null;
  /** More routes a lane answers (a counter claiming a basket handed over: services/counter-tools). */
  laneRoutes?: Record<string, LinkRoute>;
}): Promise<LaneLink> {
  const { settings } = options;
  const keys = options.keys ?? fixedKeyRing(settings.lanes.key);
  const isConsole = settings.role === 'attendant';
  // The counter is staffed: it is no self-checkout lane, and reports to no console.
  const isLane = settings.role === 'kiosk';
  const link = linkStatus(settings, keys);
  const lane: LaneSide | null = !isLane
    ? null
    : createLaneSide({
        ...options,
        ageChecks: options.ageChecks ?? ageChecksUnavailable,
        lotChecks: options.lotChecks ?? lotChecksUnavailable,
        link,
        keys,
      });
  const consoleSide: ConsoleSide | null = isConsole
    ? createConsoleSide({ settings, events: options.events, link, keys })
    : null;
  consoleSide?.learn(keys.hqLanes());
  const unwatchScale =
    lane && options.scale ? watchWeighing(options.scale, options.events, lane.weightCheck) : null;

  let server: LinkServer | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;
  const listen = async () => {
    if (server || closed || !keys.current() || !(isLane || isConsole)) return;
    if (isLane && dormant(settings, keys)) return;
    const routes: Record<string, LinkRoute> = consoleSide
      ? { [REPORT_PATH]: consoleSide.report }
      : { ...options.laneRoutes, [COMMAND_PATH]: lane!.command };
    server = await startLinkServer({
      host: settings.lanes.host,
      port: settings.lanes.port,
      keys: () => keys.accepted(),
      routes,
    }).catch((error: unknown) => {
      // The till sells without its link rather than not at all; Help and the console say why.
      link.on = false;
      link.problem = `The lane link cannot listen on ${settings.lanes.host}:${settings.lanes.port}: ${(error as Error).message}`;
      console.error(`openlane: ${link.problem}`);
      return null;
    });
    if (!server) return;
    if (closed) {
      await server.close();
      return;
    }
    console.log(
      `openlane: lane link listening on ${settings.lanes.host}:${server.port} (${isConsole ? 'attendant console' : 'lane'}, store key from ${keys.source() === 'settings' ? 'settings.json' : 'HQ'})`,
    );
    lane?.start(server.port);
  };
  const start = () => (starting ??= listen().finally(() => (starting = null)));
  await start();
  if (!server && isConsole && !keys.current()) {
    // A console without the key shows no lane: say why where store IT looks first.
    console.error(`openlane: the attendant console sees no lanes — ${link.problem}`);
  }
  // HQ's answer to a sync: a new key (rotation), the first key (enrolled while running), its lane list.
  const unsubscribe = keys.subscribe(() => {
    if (closed) return;
    if (link.on || !server) Object.assign(link, linkStatus(settings, keys));
    void start().then(() => {
      lane?.refresh();
      consoleSide?.learn(keys.hqLanes());
    });
  });

  const notConsole = async () => fail('not_console', 'This terminal is not the attendant console');
  const notLane = async () => fail('not_lane', 'This terminal is not a self-checkout lane');
  return {
    handlers: {
      'lane.self': lane?.handlers['lane.self'] ?? notLane,
      'lane.callHelp': lane?.handlers['lane.callHelp'] ?? notLane,
      'lanes.board': consoleSide?.handlers['lanes.board'] ?? notConsole,
      'lanes.acknowledge': consoleSide?.handlers['lanes.acknowledge'] ?? notConsole,
      'lanes.handle': consoleSide?.handlers['lanes.handle'] ?? notConsole,
      'lanes.setMode': consoleSide?.handlers['lanes.setMode'] ?? notConsole,
      'lanes.basket': consoleSide?.handlers['lanes.basket'] ?? notConsole,
      'lanes.markPaid': consoleSide?.handlers['lanes.markPaid'] ?? notConsole,
      'lanes.ageCheck': consoleSide?.handlers['lanes.ageCheck'] ?? notConsole,
      'lanes.lotCheck': consoleSide?.handlers['lanes.lotCheck'] ?? notConsole,
    },
    blocked: () => lane?.blocked() ?? null,
    scanRefused: (code, error) => lane?.scanRefused(code, error),
    get port() {
      return server?.port ?? null;
    },
    async close() {
      closed = true;
      unsubscribe();
      unwatchScale?.();
      await starting;
      lane?.close();
      consoleSide?.close();
      await server?.close();
    },
  };
}

/** Whether the link can run, and what it lacks. */
function linkStatus(settings: Settings, keys: StoreKeyRing): LinkStatusView {
  if (!keys.current())
    return {
      on: false,
      problem:
        'No store key: set settings.json "lanes.key", or enrol the terminal with HQ (openlane enrol) and let it sync: the lane link is off',
    };
  if (dormant(settings, keys))
    return {
      on: false,
      problem: 'No attendant console is set (settings.json "lanes.console"): the lane link is off',
    };
  if (settings.role !== 'attendant' && !settings.lanes.console)
    return { on: true, problem: 'No attendant console is set (settings.json "lanes.console")' };
  return { on: true, problem: null };
}

/**
 * A kiosk that got its key from HQ but has no console to report to keeps its link closed: every enrolled
 * kiosk has HQ's key, and one in a store with no console set up should expose nothing on the LAN.
 * (A key put in settings.json is the store's own choice to run the link, and listens as it always did.)
 */
function dormant(settings: Settings, keys: StoreKeyRing): boolean {
  return settings.role === 'kiosk' && keys.source() === 'hq' && !settings.lanes.console;
}
