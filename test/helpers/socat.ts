// A fake serial device: a pair of kernel pseudo-terminals joined by socat. The code under test opens
// `devicePath` like a real scanner/printer port; the test plays the device by writing to `hostPath`.
// Both are stable symlinks, so kill() makes the device vanish and restart() brings it back under the
// same path, the way a USB scanner is unplugged and plugged in again.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The path the code under test opens (e.g. with serialport). */
  readonly devicePath: string;
  /** The other end; write() sends bytes through it as if the device sent them. */
  readonly hostPath: string;
  /** Writes synchronously to the host end; once it returns, the bytes are in the kernel. */
  write(data: Uint8Array | string): void;
  /** Ends socat: both ptys and their links disappear (the device is unplugged). Idempotent. */
  kill(): Promise<void>;
  /** Makes a fresh pair under the same two paths (kills the old one first if it still runs). */
  restart(): Promise<void>;
  readonly running: boolean;
}

export interface PtyPairOptions {
  /** Link names inside `dir`, so several pairs can share one directory. */
  deviceName?: string;
  hostName?: string;
  /** How long to wait for socat to set up the links. */
  timeoutMs?: number;
}

// socat children that a crashed test left behind are killed when the test process exits.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts socat with two linked ptys in `dir` and resolves once both ends can be opened. */
export async function startPtyPair(dir: string, options: PtyPairOptions = {}): Promise<PtyPair> {
  const devicePath = join(dir, options.deviceName ?? 'dev');
  const hostPath = join(dir, options.hostName ?? 'host');
  const timeoutMs = options.timeoutMs ?? 5000;
  let child: ChildProcess | null = null;
  let hostFd: number | null = null;

  const closeHost = (): void => {
    if (hostFd !== null) closeSync(hostFd);
    hostFd = null;
  };

  const kill = async (): Promise<void> => {
    closeHost();
    const running = child;
    child = null;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM'); // SIGTERM lets socat remove its links
      await exited;
    }
    if (running) live.delete(running);
    rmSync(devicePath, { force: true });
    rmSync(hostPath, { force: true });
  };

  const start = async (): Promise<void> => {
    // A link left by a SIGKILLed socat would look ready before the new pair exists.
    rmSync(devicePath, { force: true });
    rmSync(hostPath, { force: true });
    const spawned = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = spawned;
    live.add(spawned);
    try {
      await waitUntilReady(spawned, devicePath, hostPath, timeoutMs);
    } catch (error) {
      spawned.kill('SIGKILL');
      live.delete(spawned);
      child = null;
      throw error;
    }
  };

  await start();
  return {
    devicePath,
    hostPath,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    write(data) {
      if (!child) throw new Error(`pty pair ${hostPath} is not running; call restart() first`);
      // O_NOCTTY: without it, opening a tty could make it this process's controlling terminal, and
      // killing socat would then hang up (SIGHUP) the test process itself.
      hostFd ??= openSync(hostPath, constants.O_RDWR | constants.O_NOCTTY);
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(hostFd, bytes, offset, bytes.length - offset);
    },
    kill,
    async restart() {
      await kill();
      await start();
    },
  };
}

function waitUntilReady(child: ChildProcess, devicePath: string, hostPath: string, timeoutMs: number) {
  return new Promise<void>((resolve, reject) => {
    let log = '';
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      child.stderr?.removeListener('data', onLog);
      child.stderr?.resume(); // keep draining socat's log so it never blocks on a full pipe
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    // socat logs this once both ptys exist and it is relaying; the links exist just before.
    const check = (): void => {
      if (log.includes('starting data transfer loop') && existsSync(devicePath) && existsSync(hostPath))
        finish();
    };
    const onLog = (chunk: Buffer): void => {
      log += chunk.toString();
      check();
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`socat exited (${code}) before the ptys were ready:\n${log}`));
    const onError = (error: Error): void => finish(new Error(`cannot run socat: ${error.message}`));
    const poll = setInterval(check, 10);
    const timer = setTimeout(
      () =>
        finish(
          new Error(`socat did not create ${devicePath} and ${hostPath} within ${timeoutMs} ms:\n${log}`),
        ),
      timeoutMs,
    );
    child.stderr?.on('data', onLog);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
