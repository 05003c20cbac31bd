// Database fixtures for the HQ server tests: a throwaway PostgreSQL cluster (initdb into a temp dir,
// postgres on a free port with its unix socket in that dir) and an embedded PGlite directory, so one
// suite runs unchanged against both backends the server supports.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type BackendKind = 'pglite' | 'postgres';
export const BACKENDS: readonly BackendKind[] = ['pglite', 'postgres'];

/** Where a server under test keeps its data: exactly one of dataDir (PGlite) or databaseUrl. */
export interface TestBackend {
  kind: BackendKind;
  dataDir?: string;
  databaseUrl?: string;
  stop(): Promise<void>;
}

export interface PostgresCluster {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** A fresh PGlite data directory, or a fresh PostgreSQL cluster. */
export async function startBackend(kind: BackendKind, options: ClusterOptions = {}): Promise<TestBackend> {
  if (kind === 'postgres') {
    const cluster = await startPostgres(options);
    return { kind, databaseUrl: cluster.url, stop: cluster.stop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'openlane-pglite-'));
  // The server opens <dataDir>/pgdata; starting from a copy of a fresh one spares PGlite's initdb.
  try {
    cpSync(await pgliteTemplate(), join(dir, 'hq', 'pgdata'), { recursive: true });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { kind, dataDir: join(dir, 'hq'), stop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A freshly initialised, empty PGlite data directory, made once per PGlite version and machine. PGlite's
 * initdb takes seconds of CPU; every test file copying one directory keeps the suite fast on 2 cores.
 * The first test file to need it makes it (holding a lock directory); the others wait for it.
 */
async function pgliteTemplate(): Promise<string> {
  // Its package.json is not exported; it sits above the resolved entry's dist/ directory.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const root = join(tmpdir(), `openlane-pglite-template-${version}`);
  const ready = join(root, 'ready');
  const data = join(root, 'pgdata');
  const deadline = Date.now() + 120_000;
  while (!existsSync(ready)) {
    try {
      mkdirSync(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another test file is making it, or one died making it (its lock is then old and is taken over).
      if (Date.now() - statSync(root).mtimeMs > 120_000) rmSync(root, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the PGlite template in ${root} was never finished`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      const db = await PGlite.create(data);
      await db.close();
      writeFileSync(ready, new Date().toISOString());
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }
  return data;
}

// Clusters a crashed test left running are stopped when the test process exits.
const live = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, dataDir] of live) {
    const pid = postmasterPid(dataDir);
    if (pid) killQuietly(pid, 'SIGQUIT');
    child.kill('SIGKILL');
  }
});

export interface ClusterOptions {
  /**
   * Keep PostgreSQL's durability defaults (fsync, synchronous_commit, full_page_writes on), so each
   * commit waits for its WAL to reach the disk, as in production. For benchmarks; tests run without.
   */
  durable?: boolean;
}

/** Starts a PostgreSQL server of its own for one test file; stop() ends it and deletes its files. */
export async function startPostgres({ durable = false }: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'openlane-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // postgres refuses to run as root; the Debian package's `postgres` user owns the cluster instead.
  if (asRoot) chownSync(dir, ...postgresUser());
  const run = (command: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

  const [initCmd, initArgs] = run(join(bin, 'initdb'), [
    ...['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.error?.message}`);
  }

  const port = await freePort();
  // A throwaway cluster: durability settings off, as nothing in it outlives the test file.
  const [cmd, args] = run(join(bin, 'postgres'), [
    ...['-D', dataDir, '-p', String(port), '-k', dir, '-h', '127.0.0.1'],
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ...['-c', 'max_connections=50', '-c', 'log_min_messages=warning'],
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  live.set(child, dataDir);
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    if (live.has(child)) await stopServer(child, dataDir);
    live.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dir, stop };
}

/** The newest installed PostgreSQL's bin directory; a clear failure (never a skip) when there is none. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: the HQ server tests run against a real PostgreSQL server and need ' +
        `initdb and postgres under ${root}/<version>/bin. Install Debian's package: ` +
        'apt-get install postgresql (.ci/run does this).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

function postgresUser(): [number, number] {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) {
    throw new Error('There is no "postgres" user to run PostgreSQL as; install Debian\'s postgresql package');
  }
  return [Number(id.stdout.trim()), Number(gid.stdout.trim())];
}

/** A port nothing listens on now (on 127.0.0.1). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`postgres did not start in 30 s: ${String(error)}\n${log()}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fast shutdown, signalled to the postmaster itself: runuser need not pass signals on. */
async function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = postmasterPid(dataDir);
  if (pid) killQuietly(pid, 'SIGINT');
  else child.kill('SIGINT');
  const timer = setTimeout(() => {
    if (pid) killQuietly(pid, 'SIGQUIT');
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

// ---- Calling a running HQ server as a terminal would: real HTTP with fetch. ----

export interface HqReply {
  status: number;
  // The tests read fields freely; the server's shapes are checked by assertions, not by types here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HqReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the test sees the text
  }
  return { status: response.status, body: parsed };
}

export interface TestDevice {
  deviceId: string;
  secret: string;
  token: string;
  storeCode: string;
}

/** Enrols a terminal through the API with a code made by `makeCode`, and gets it a token. */
export async function enrolDevice(
  base: string,
  makeCode: () => Promise<{ code: string }>,
  terminalName?: string,
): Promise<TestDevice> {
  const { code } = await makeCode();
  const enrolled = await call(base, 'POST', '/v1/enrol', { body: { code, terminalName } });
  if (enrolled.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
  const { deviceId, secret, storeCode } = enrolled.body as {
    deviceId: string;
    secret: string;
    storeCode: string;
  };
  const issued = await call(base, 'POST', '/v1/token', { body: { deviceId, secret } });
  if (issued.status !== 200) throw new Error(`token failed: ${JSON.stringify(issued.body)}`);
  return { deviceId, secret, storeCode, token: (issued.body as { token: string }).token };
}
