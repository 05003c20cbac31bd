// `openlane serve` as a store starts it, about who may come in: a normal start has no simulator fault
// injection; off loopback the simulator needs --demo; the till makes its access token once (0600),
// prints it once, and wants it from every browser on the network.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineAddresses } from '../../services/web/addresses';
import { freePort } from '../helpers/postgres';
import { rawRequest } from '../helpers/http-request';
import { startServe, type ServeProcess } from '../helpers/serve';

let dir: string;
const running: ServeProcess[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-serve-doors-'));
});
afterAll(async () => {
  for (const serve of running) await serve.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(name: string, args: string[], simulatorPort?: number): Promise<ServeProcess> {
  const dataDir = join(dir, name);
  if (simulatorPort !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ payment: { provider: 'simulator', url: null, port: simulatorPort } }),
    );
  }
  const started = await startServe({ dataDir, args });
  running.push(started);
  return started;
}

describe('openlane serve', () => {
  it('starts its simulator without fault injection: /api/faults is 404', async () => {
    const port = await freePort();
    await serve('plain', [], port);
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await fetch(`http://127.0.0.1:${port}/api/faults`, {
        method,
        body: method === 'POST' ? JSON.stringify({ mode: 'decline' }) : undefined,
      });
      expect(response.status).toBe(404);
    }
  });

  it('will not put the simulator on the network without --demo, and says what to do', async () => {
    await expect(serve('no-demo', ['--host', '0.0.0.0'])).rejects.toThrow(
      /exited with 1[\s\S]*would listen on 0\.0\.0\.0, where anyone on the network could approve payments[\s\S]*--demo/,
    );
  });

  it('off loopback: warns, makes the access token once (0600), prints it once, and wants it from the network', async () => {
    const lan = machineAddresses().find((a) => !a.startsWith('127.'));
    if (!lan) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    const first = await serve('lan', ['--host', '0.0.0.0', '--demo']);
    const tokenFile = join(dir, 'lan', 'access-token');
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const output = first.output();
    expect(output).toMatch(
      /WARNING — demo mode: the payment simulator listens on 0\.0\.0\.0\. Anyone on this network/,
    );
    expect(output).toMatch(/WARNING — the till listens on 0\.0\.0\.0/);
    expect(output).toContain(`the access token (shown this once; kept in ${tokenFile}): ${token}`);
    expect(output).toMatch(new RegExp(`/pair\\?token=${token}`));

    const port = Number(new URL(first.url).port);
    const fromLan = (headers: Record<string, string>) =>
      rawRequest(lan, port, {
        from: lan,
        path: '/api/session.get',
        headers: { Host: `${lan}:${port}`, Origin: `http://${lan}:${port}`, ...headers },
      });
    const unpaired = await fromLan({});
    expect(unpaired.status).toBe(401);
    expect(JSON.parse(unpaired.body).error.code).toBe('not_paired');
    const paired = await fromLan({ Cookie: `openlane_access=${token}` });
    expect(paired.status).toBe(200);
    expect(JSON.parse(paired.body).value.settings.training).toBe(true);
    // The kiosk on the till's own machine needs no token.
    const local = await fetch(new URL('/api/session.get', first.url), { method: 'POST', body: '{}' });
    expect(local.status).toBe(200);

    // The next start keeps the token and does not print it again.
    await first.stop();
    const second = await serve('lan', ['--host', '0.0.0.0', '--demo']);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    expect(second.output()).not.toContain(token);
    expect(second.output()).toContain(`with the token in ${tokenFile}`);
  });
});
