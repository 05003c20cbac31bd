// The lane link of one terminal: a kiosk is a lane (it reports to the console and takes its commands),
// the attendant role is the console. Without a store key nothing listens, and both say why.
import { fail, type Failure } from '../../core/result';
import type { Database } from '../../db/open';
import type { TerminalApi } from '../api/contract';
import type { LinkStatusView } from '../api/lanes-contract';
import type { EventHub } from '../events';
import type { Settings } from '../settings';
import { ageChecksUnavailable, type AgeChecks } from './age-checks';
import { createConsoleSide, type ConsoleHandlers, type ConsoleSide } from './console-side';
import { createLaneSide, type LaneSide } from './lane-side';
import { startLinkServer, type LinkRoute, type LinkServer } from './link-http';
import { COMMAND_PATH, REPORT_PATH } from './protocol';

export type LaneLinkHandlers = Pick<TerminalApi, 'lane.self' | 'lane.callHelp'> & ConsoleHandlers;

export interface LaneLink {
  handlers: LaneLinkHandlers;
  /** Why this lane takes no scan or payment now (paused or closed by the attendant), or null. */
  blocked(): Failure | null;
  /** A scan the lane's API refused: an unknown item calls an attendant. */
  scanRefused(code: string, error: { code: string }): void;
  /** Where the link listens, or null when it is off. */
  port: number | null;
  close(): Promise<void>;
}

export async function startLaneLink(options: {
  db: Database;
  settings: Settings;
  api: Pick<TerminalApi, 'session.get' | 'payment.markPaid'>;
  events: EventHub;
  ageChecks?: AgeChecks;
}): Promise<LaneLink> {
  const { settings } = options;
  const key = settings.lanes.key;
  const isConsole = settings.role === 'attendant';
  // The counter is staffed: it is no self-checkout lane, and reports to no console.
  const isLane = settings.role === 'kiosk';
  const link = linkStatus(settings);
  const lane: LaneSide | null = !isLane
    ? null
    : createLaneSide({ ...options, ageChecks: options.ageChecks ?? ageChecksUnavailable, link, key });
  const consoleSide: ConsoleSide | null = isConsole
    ? createConsoleSide({ settings, events: options.events, link, key })
    : null;

  let server: LinkServer | null = null;
  if (key && (isLane || isConsole)) {
    const routes: Record<string, LinkRoute> = consoleSide
      ? { [REPORT_PATH]: consoleSide.report }
      : { [COMMAND_PATH]: lane!.command };
    server = await startLinkServer({
      host: settings.lanes.host,
      port: settings.lanes.port,
      key,
      routes,
    }).catch((error: unknown) => {
      // The till sells without its link rather than not at all; Help and the console say why.
      link.on = false;
      link.problem = `The lane link cannot listen on ${settings.lanes.host}:${settings.lanes.port}: ${(error as Error).message}`;
      console.error(`openlane: ${link.problem}`);
      return null;
    });
  }
  if (server) {
    console.log(
      `openlane: lane link listening on ${settings.lanes.host}:${server.port} (${isConsole ? 'attendant console' : 'lane'})`,
    );
    lane?.start(server.port);
  } else if (isConsole) {
    // A console without the key shows no lane: say why where store IT looks first.
    console.error(`openlane: the attendant console sees no lanes — ${link.problem}`);
  }

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
    },
    blocked: () => lane?.blocked() ?? null,
    scanRefused: (code, error) => lane?.scanRefused(code, error),
    port: server?.port ?? null,
    async close() {
      lane?.close();
      consoleSide?.close();
      await server?.close();
    },
  };
}

/** Whether the link can run, and what it lacks. */
function linkStatus(settings: Settings): LinkStatusView {
  if (!settings.lanes.key)
    return { on: false, problem: 'No store key is set (settings.json "lanes.key"): the lane link is off' };
  if (settings.role !== 'attendant' && !settings.lanes.console)
    return { on: true, problem: 'No attendant console is set (settings.json "lanes.console")' };
  return { on: true, problem: null };
}
