// A PostgreSQL streaming replica of a test cluster (test/helpers/postgres.ts), made as an operator would:
// pg_basebackup -R (a base backup that starts as a standby, streaming WAL from the primary) into a data
// directory of its own, then a second postgres on another port. Read-only: hot standby.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, postgresBinDir, type PostgresCluster } from './postgres';

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startReplica(primary: PostgresCluster): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'openlane-pg-replica-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const id = (flag: string) =>
      Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const [backupCmd, backupArgs] = asPostgres(join(bin, 'pg_basebackup'), [
    ...['-D', dataDir, '-R', '-X', 'stream', '--no-sync'],
    ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
  ]);
  const backup = spawnSync(backupCmd, backupArgs, { encoding: 'utf8' });
  if (backup.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `pg_basebackup failed (exit ${backup.status}): ${backup.stderr || backup.error?.message}`,
    );
  }
  const port = await freePort();
  const [cmd, args] = asPostgres(join(bin, 'postgres'), [
    ...['-D', dataDir, '-p', String(port), '-k', dir, '-h', '127.0.0.1'],
    ...['-c', 'hot_standby=on', '-c', 'fsync=off', '-c', 'log_min_messages=warning'],
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      try {
        process.kill(pid > 0 ? pid : child.pid!, 'SIGINT');
      } catch {
        child.kill('SIGKILL');
      }
      await exited;
    }
    live.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      if (!rows[0]?.standby) throw new Error('the replica is not in recovery');
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop().catch(() => undefined);
        throw new Error(`the replica did not start: ${String(error)}\n${log}`);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, dir, stop };
}
