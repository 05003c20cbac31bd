// The `openlane` command as a child process that does not block this one (an HQ or a terminal under
// test may be running here), and a running terminal's sale made the way the tests need one.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../../services/api/contract';
import type { Terminal } from '../../services/terminal';
import { WALLET } from './checkout';

export const OPENLANE_BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `openlane ARGS…` with `stdin` as its input; resolves once it has exited. */
export function runOpenlane(args: string[], stdin = ''): Promise<CliRun> {
  const child = spawn(process.execPath, [OPENLANE_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

export function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Scans each code, pays with a wallet code the simulator pays at once, finishes; the receipt number. */
export async function sellOn(
  terminal: Terminal,
  scans: { code: string; weightGrams?: number }[],
): Promise<string> {
  const api = terminal.api;
  for (const scan of scans) value(await api['basket.addScan']({ ...scan, source: 'keypad' }));
  const paid = value(await api['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
  if (paid.status !== 'paid') throw new Error(`the wallet code did not pay: ${paid.status}`);
  const receipt = value(await api['session.get']({})).receipt!.receiptNumber;
  value(await api['sale.finish']({}));
  return receipt;
}
