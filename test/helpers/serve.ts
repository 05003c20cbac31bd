// Starts `openlane serve` as a real child process, the way a store runs it, and finds its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

// Terminals a failed or interrupted test left running are killed when the test process exits, so the
// next test file finds no stray terminal holding its ports, ptys or data.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait; kill('SIGKILL') for a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServe(options: {
  dataDir: string;
  scanners?: string[];
  env?: Record<string, string>;
  /** More command-line flags, e.g. `['--role', 'counter']`. */
  args?: string[];
  timeoutMs?: number;
  /** The built-in payment simulator with its fault injection on (/api/faults); never in a store. */
  testFaults?: boolean;
}): Promise<ServeProcess> {
  const args = [BIN, 'serve', '--port', '0', '--data', options.dataDir];
  for (const scanner of options.scanners ?? []) args.push('--scanner', scanner);
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      OPENLANE_SCANNERS: '',
      ...(options.testFaults ? { OPENLANE_TEST_SIMULATOR_FAULTS: '1' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a terminal that never said it serves is not left behind
      reject(new Error(`openlane serve did not start in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      const match = /OpenLane is serving at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openlane serve exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/** Waits until every scanner of a running terminal is connected: bytes sent before that are lost. */
export async function waitForScanners(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(new URL('/api/session.get', url), { method: 'POST', body: '{}' });
    const result = (await response.json()) as { ok: boolean; value?: { scanners: { connected: boolean }[] } };
    if (result.ok && result.value!.scanners.every((s) => s.connected)) return;
    if (Date.now() > deadline) throw new Error(`scanners not connected: ${JSON.stringify(result)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
