// Terminals of one store wired by the lane link: data directories whose settings.json names the store
// key, the role, and where the console is — for services tests (startTerminal) and `openlane serve`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LaneLinkSettings } from '../../services/lanes/link-settings';
import { DEFAULT_SETTINGS, type Settings } from '../../services/settings';
import type { ServeProcess } from './serve';

/** The test store's key (any 32+ characters a store would make with `openssl rand -hex 32`). */
export const STORE_KEY = '3f9c2a7e5b1d4c8f6a0e2b9d7c5a3e1f4b8d6c2a0e9f7b5d';
export const OTHER_KEY = '0000000000000000000000000000000000000000000000000';

/** A data directory for one terminal of the store, its settings written. */
export function laneDataDir(
  terminalId: string,
  role: Settings['role'],
  lanes: Partial<LaneLinkSettings>,
  settings: Partial<Settings> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), `openlane-${terminalId}-`));
  writeLaneSettings(dir, terminalId, role, lanes, settings);
  return dir;
}

export function writeLaneSettings(
  dir: string,
  terminalId: string,
  role: Settings['role'],
  lanes: Partial<LaneLinkSettings>,
  settings: Partial<Settings> = {},
): void {
  const all: Settings = {
    ...DEFAULT_SETTINGS,
    ...settings,
    terminalId,
    role,
    lanes: { ...DEFAULT_SETTINGS.lanes, key: STORE_KEY, host: '127.0.0.1', port: 0, ...lanes },
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(all, null, 2), { mode: 0o600 });
}

/** A terminal's lane link port, from the line `openlane serve` prints as the link starts (before it serves). */
export function linkPort(serve: ServeProcess): number {
  const port = /lane link listening on \S+:(\d+)/.exec(serve.output())?.[1];
  if (!port) throw new Error(`the terminal printed no lane link port:\n${serve.output()}`);
  return Number(port);
}
