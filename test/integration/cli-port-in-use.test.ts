// A port already taken: `openlane serve` and `openlane server` must stop with exit 1 and say which port,
// that it is in use and what to do — not stay alive serving nothing, as they did.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
/** Long enough for a loaded machine to start and fail; a process still alive then is the bug. */
const openlane = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 40_000,
    env: { ...process.env, OPENLANE_SCANNERS: '' },
  });

describe('a port that is already in use', () => {
  let dir: string;
  let occupant: Server;
  let port: number;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-port-'));
    occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    port = (occupant.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise((resolve) => occupant.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops `openlane serve` with exit 1, naming the port and the way out', () => {
    const result = openlane('serve', '--port', String(port), '--data', join(dir, 'data'));
    expect(result.signal, `still running after 40 s:\n${result.stdout}${result.stderr}`).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toMatch(/--port N to use another port/);
    expect(result.stdout).not.toMatch(/is serving at/);
  });

  it("names settings.json's payment.port when the payment simulator's port is the one taken", () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(
      join(data, 'settings.json'),
      JSON.stringify({ payment: { provider: 'simulator', url: null, port } }),
    );
    const result = openlane('serve', '--port', '0', '--data', data);
    expect(result.signal, `still running after 40 s:\n${result.stdout}${result.stderr}`).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain(`"payment.port" in ${join(data, 'settings.json')}`);
  });

  it('stops `openlane server` with exit 1, naming the port and the way out', () => {
    const result = openlane('server', '--port', String(port), '--data', join(dir, 'hq'));
    expect(result.signal, `still running after 40 s:\n${result.stdout}${result.stderr}`).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toMatch(/--port N to use another port/);
  });
});
