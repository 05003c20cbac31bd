// What the Electron shell reads from its environment: the data directory and the serial scanners.
// Same variables as `openlane serve`, but the data default is Electron's per-user folder.
import { resolve } from 'node:path';
import { scannerConfigs } from '../services/scanner-config';
import type { ScannerConfig } from '../services/terminal';

export interface ShellConfig {
  dataDir: string;
  scanners: ScannerConfig[];
}

export type ShellConfigResult = { ok: true; value: ShellConfig } | { ok: false; message: string };

/** OPENLANE_DATA (default: `defaultDataDir`, Electron's userData) and OPENLANE_SCANNERS (`PATH[:BAUD],…`). */
export function readShellConfig(
  env: Record<string, string | undefined>,
  defaultDataDir: string,
): ShellConfigResult {
  const data = env.OPENLANE_DATA?.trim();
  const dataDir = resolve(data ? data : defaultDataDir);
  try {
    return { ok: true, value: { dataDir, scanners: scannerConfigs([], env.OPENLANE_SCANNERS) } };
  } catch (error) {
    return { ok: false, message: `OPENLANE_SCANNERS is invalid: ${(error as Error).message}` };
  }
}
