// `openlane server enrolment-code` while `openlane server` runs on its PGlite directory: the directory is
// locked, so the command says exactly what to do, and `--url … --token …` asks the running HQ for a code
// a terminal then enrols with. Real processes, real HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENLANE_BIN } from '../helpers/cli';

const TOKEN = 'cli-enrol-code-admin-token-0123456789';

/** Runs the CLI to its end (asynchronously: the server under test lives in another child). */
function openlane(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [OPENLANE_BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('openlane server enrolment-code while HQ runs', () => {
  let dir: string;
  let hq: string;
  let url: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-enrol-code-'));
    hq = join(dir, 'hq');
    const child = spawn(process.execPath, [OPENLANE_BIN, 'server', '--port', '0', '--data', hq], {
      env: { ...process.env, OPENLANE_HQ_ADMIN_TOKEN: TOKEN },
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`openlane server exited (${code}):\n${output}`)));
    });
    stop = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
  });
  afterAll(async () => {
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says exactly what to do when the running HQ holds the directory', async () => {
    const locked = await openlane(['server', 'enrolment-code', '--store', 'S001', '--data', hq]);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain('is in use by process');
    expect(locked.stderr).toContain(
      'openlane server enrolment-code --store S001 --url http://127.0.0.1:8430 --token "$OPENLANE_HQ_ADMIN_TOKEN"',
    );
    expect(locked.stderr).toContain('Stores');
  });

  it('asks the running HQ over its admin API, and the code enrols a terminal', async () => {
    const made = await openlane(['server', 'enrol-code', '--store', 'S001', '--url', url, '--token', TOKEN]);
    expect(made.status, made.stderr).toBe(0);
    const code = /: (\S+) \(works once/.exec(made.stdout)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(made.stdout).toContain(`On the terminal: openlane enrol --server ${url} --code ${code}`);
    const enrolled = await fetch(`${url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(enrolled.status).toBe(201);
    expect(await enrolled.json()).toMatchObject({ storeCode: 'S001' });
  });

  it('names a wrong token, and a missing one, before anything is made', async () => {
    const wrong = await openlane(['server', 'enrolment-code', '--store', 'S001', '--url', url], {
      OPENLANE_HQ_ADMIN_TOKEN: 'not-the-token-at-all-000000000',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/made no code: .*check the admin token/);
    const none = await openlane(['server', 'enrolment-code', '--store', 'S001', '--url', url], {
      OPENLANE_HQ_ADMIN_TOKEN: '',
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--url needs the admin token HQ was started with');
  });
});
