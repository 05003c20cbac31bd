// Data directories are private to the user that runs them: HQ's PGlite directory (every store's sales
// and the token-signing key) and a terminal's (its sales, settings and device secret) are 0700 with
// their files 0600; a start that finds one open to other users says so, naming it, and closes it.
// Real files, real modes (fs.statSync).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appendEvent } from '../../db/outbox';
import { startServer } from '../../server';
import { openTerminalStore } from '../../services/store';
import { startBackend } from '../helpers/postgres';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
const tempRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'openlane-modes-'));
  roots.push(root);
  return root;
};
const mode = (path: string) => (statSync(path).mode & 0o7777).toString(8);

/** Every entry under `dir` with its mode, as "path 600". */
function modes(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string, name: string) => {
    out.push(`${name} ${mode(path)}`);
    if (statSync(path).isDirectory()) for (const e of readdirSync(path)) walk(join(path, e), `${name}/${e}`);
  };
  walk(dir, '.');
  return out;
}
const open = (entries: string[]) => entries.filter((e) => !/ (600|700)$/.test(e));

describe('a terminal data directory', () => {
  it('is created 0700, with the database, its WAL and shared-memory files and settings.json 0600', () => {
    const dir = join(tempRoot(), 'terminal');
    const store = openTerminalStore(dir);
    try {
      store.db.transaction(() => appendEvent(store.db, 'stock.adjusted', { x: 1 }))();
      expect(mode(dir)).toBe('700');
      for (const file of ['openlane.db', 'openlane.db-wal', 'openlane.db-shm', 'settings.json'])
        expect(`${file} ${mode(join(dir, file))}`).toBe(`${file} 600`);
    } finally {
      store.db.close();
    }
  });

  it('found open to other users, is closed on start with a warning naming it', () => {
    const dir = join(tempRoot(), 'terminal');
    openTerminalStore(dir).db.close();
    chmodSync(dir, 0o755);
    for (const file of ['openlane.db', 'settings.json']) chmodSync(join(dir, file), 0o644);
    writeFileSync(join(dir, 'payment-simulator.json'), '[]', { mode: 0o666 });
    chmodSync(join(dir, 'payment-simulator.json'), 0o666);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      openTerminalStore(dir).db.close();
      expect(warn.mock.calls.flat().join('\n')).toMatch(
        new RegExp(`data directory ${dir} was open to other users \\(mode 0755\\); it is now 0700`),
      );
    } finally {
      warn.mockRestore();
    }
    expect(open(modes(dir))).toEqual([]);
  });

  it('is refused when it is a shared directory (sticky, like /tmp), and files not its own are left be', () => {
    const shared = join(tempRoot(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    expect(() => openTerminalStore(shared)).toThrow(`${shared} is a shared directory`);
    expect(mode(shared)).toBe('1777');
    const dir = join(tempRoot(), 'terminal');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    chmodSync(join(dir, 'notes.txt'), 0o644);
    openTerminalStore(dir).db.close();
    expect(mode(join(dir, 'notes.txt'))).toBe('644');
  });
});

describe('a data directory that cannot be closed', () => {
  it('is refused at start, naming the path and what to do, by the terminal and by HQ', () => {
    // Run as a user that does not own the directory, so chmod fails: as root, the postgres user (which
    // the PostgreSQL tests need anyway) on a directory root owns; otherwise this user on /usr.
    const asRoot = process.getuid?.() === 0;
    let dir = '/usr';
    if (asRoot) {
      const root = tempRoot();
      dir = join(root, 'data');
      mkdirSync(dir);
      chmodSync(root, 0o755);
      chmodSync(dir, 0o755);
    }
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const script =
      `Promise.all([import('./services/data-dir.ts'), import('./server/db/private-dir.ts')]).then(([t, h]) => {` +
      ` for (const check of [() => t.securePrivateDir(${JSON.stringify(dir)}), () => h.closeDataTree(${JSON.stringify(dir)})])` +
      ` try { check(); console.log('accepted'); } catch (e) { console.log(e.message); } })`;
    const [command, args] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', tsx, '-e', script]]
      : [tsx, ['-e', script]];
    const run = spawnSync(command, args, { encoding: 'utf8', cwd: process.cwd() });
    const lines = run.stdout.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain(`${dir} is open to other users (mode 0755) and cannot be made private (EPERM)`);
      expect(line).toMatch(/as its owner/);
    }
    expect(mode(dir)).toBe('755');
  });
});

describe('the HQ PGlite directory', () => {
  it('is created 0700 and every file in it 0600, the signing key included, while HQ runs and after', async () => {
    const dir = join(tempRoot(), 'hq');
    const server = await startServer({ port: 0, dataDir: dir });
    try {
      expect(mode(dir)).toBe('700');
      expect(open(modes(dir))).toEqual([]);
    } finally {
      await server.close();
    }
    expect(open(modes(dir))).toEqual([]);
  });

  it('found open to other users (as PGlite left it), is closed on start with a warning naming it', async () => {
    // A copy of a fresh PGlite directory, its files 0666 as PGlite makes them.
    const backend = await startBackend('pglite');
    const dir = backend.dataDir!;
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'pgdata'), 0o755);
    chmodSync(join(dir, 'pgdata', 'PG_VERSION'), 0o666);
    mkdirSync(join(dir, 'pgdata', 'extra'), { mode: 0o777 });
    chmodSync(join(dir, 'pgdata', 'extra'), 0o777);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const server = await startServer({ port: 0, dataDir: dir });
      expect(open(modes(dir))).toEqual([]);
      await server.close();
      expect(warn.mock.calls.flat().join('\n')).toMatch(
        new RegExp(`HQ data directory ${dir} was open to other users \\(mode 0755\\)`),
      );
    } finally {
      warn.mockRestore();
      await backend.stop();
    }
  });
});
