// `openlane server …` as store IT runs it: real processes, a real PGlite directory, real HTTP.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const openlane = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

/** Starts `openlane server` and resolves with its URL once it says it is serving. */
function startServer(args: string[]) {
  const env = { ...process.env };
  delete env.OPENLANE_HQ_ADMIN_TOKEN;
  const child = spawn(process.execPath, [BIN, 'server', '--port', '0', ...args], { stdio: 'pipe', env });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`openlane server exited (${code}):\n${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop, output: () => output };
}

describe('openlane server', () => {
  let dir: string;
  let hq: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-hq-cli-'));
    hq = join(dir, 'hq');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes an enrolment code that a terminal exchanges once for its credentials', async () => {
    const made = openlane('server', 'enrolment-code', '--store', 'S001', '--data', hq);
    expect(made.status, made.stderr).toBe(0);
    const code = /: (\S+) \(works once/.exec(made.stdout)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);

    const server = startServer(['--data', hq]);
    try {
      const url = await server.url;
      expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ ok: true });
      const enrol = () =>
        fetch(`${url}/v1/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, terminalName: 'K01' }),
        });
      const first = await enrol();
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ deviceId: expect.any(String), secret: expect.any(String) });
      expect((await enrol()).status).toBeGreaterThanOrEqual(400); // used once
      expect((await fetch(`${url}/v1/catalog`)).status).toBe(401); // no token
    } finally {
      await server.stop();
    }
  });

  it('prints a setup token while HQ has no users, and it makes the first admin of the back office', async () => {
    let server = startServer(['--data', hq]);
    let token = '';
    try {
      const url = await server.url;
      // Printed before the line that says HQ is serving, so it is there once that line is.
      expect(server.output()).toContain('make the first admin with this setup token');
      expect(server.output()).toContain(`the back office: ${url}/`);
      token = /setup token\n\s+(\S+)/.exec(server.output())![1]!;
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const made = await fetch(`${url}/admin/v1/first-admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'chen', displayName: 'Chen Li', password: 'a-long-first-password' }),
      });
      expect(made.status, await made.clone().text()).toBe(201);
    } finally {
      await server.stop();
    }
    // The chain has its admin now: the next start prints no token, and the old one is gone with its run.
    server = startServer(['--data', hq]);
    try {
      const url = await server.url;
      expect(server.output()).not.toContain('setup token');
      const old = await fetch(`${url}/admin/v1/session`, { headers: { authorization: `Bearer ${token}` } });
      expect(old.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('imports the chain catalog and a store price list, refusing a bad file whole', () => {
    const good = join(dir, 'chain.csv');
    writeFileSync(
      good,
      'barcode,name,price\n6901234567892,Jasmine Rice 5 kg,59.90\n4006381333931,Pencil,1.50\n',
    );
    const chain = openlane('server', 'catalog', 'import', good, '--data', hq);
    expect(chain.stdout).toMatch(/Imported 2 rows into the chain catalog: 2 changed, catalog version 1/);
    expect(chain.status).toBe(0);

    const store = join(dir, 'store.csv');
    writeFileSync(store, 'barcode,name,price\n6901234567892,Jasmine Rice 5 kg,55.00\n');
    const priced = openlane('server', 'catalog', 'import', store, '--store', 'S001', '--data', hq);
    expect(priced.stdout).toMatch(/into store S001's prices: 1 changed, catalog version 2/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'barcode,name,price\n6901234567893,Broken,1\n');
    const refused = openlane('server', 'catalog', 'import', bad, '--data', hq);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 2: barcode "6901234567893" has check digit 3; it should be 2/);
  });

  it('rotates a store key without ever printing it, and names a store HQ does not know', async () => {
    expect(openlane('server', 'enrolment-code', '--store', 'S001', '--data', hq).status).toBe(0);
    const rotated = openlane(
      'server',
      'store-key',
      'rotate',
      '--store',
      'S001',
      '--grace',
      '60',
      '--data',
      hq,
    );
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/Store S001 has a new store key.*still given out until/s);
    const db = await openDatabase({ dataDir: hq });
    try {
      const { rows } = await db.query<{ key: string; previous_key: string }>(
        'SELECT key, previous_key FROM store_keys',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.previous_key).not.toBe(rows[0]!.key);
      for (const key of [rows[0]!.key, rows[0]!.previous_key])
        expect(rotated.stdout + rotated.stderr).not.toContain(key);
    } finally {
      await db.close();
    }
    expect(openlane('server', 'store-key', 'rotate', '--store', 'S999', '--data', hq)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('HQ has no store "S999"'),
    });
    expect(
      openlane('server', 'store-key', 'rotate', '--store', 'S001', '--grace', 'soon', '--data', hq),
    ).toMatchObject({ status: 2, stderr: expect.stringContaining('--grace must be a whole number') });
  });

  it('says what is wrong with the command line and exits 2', () => {
    expect(openlane('server', 'enrolment-code', '--data', hq)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('enrolment-code needs --store STORE'),
    });
    expect(
      openlane('server', 'catalog', 'import', 'x.csv', '--data', hq, '--database', 'postgres://x'),
    ).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('not both'),
    });
  });
});
