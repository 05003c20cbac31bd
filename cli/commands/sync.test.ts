// openlane enrol / sync / status as a terminal runs them, with no HQ to talk to (the integration test
// test/integration/sync-terminals.test.ts runs them against a real HQ).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../core/uuid7';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import { saveCredentials } from '../../services/sync';
import { UsageError } from './args';
import { enrolCommand } from './enrol';
import { statusCommand } from './status';
import { syncCommand } from './sync';

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-sync-cli-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** An outbox event as the checkout writes one (cli/ may not import db/, so through the store's SQLite). */
function queueEvent(store: TerminalStore, occurredAt = new Date()): void {
  store.db
    .prepare("INSERT INTO outbox (id, type, payload, occurred_at) VALUES (?, 'stock.adjusted', '{}', ?)")
    .run(uuidv7(), occurredAt.toISOString());
}

/** A URL nothing listens on: a port taken and released again. */
async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('openlane status', () => {
  it('prints the catalog, the outbox with the age of its oldest event, and sync as never tried', async () => {
    const store = openTerminalStore(dir);
    const tenMinutesAgo = new Date(Date.now() - 600_000);
    queueEvent(store, tenMinutesAgo);
    store.db.close();
    expect(await statusCommand(['--data', dir])).toBe(0);
    const status = JSON.parse(out.join('\n'));
    expect(status).toMatchObject({
      catalog: { products: 0, version: 0 },
      outbox: { pending: 1, stale: false, deadLetters: 0 },
      sync: { enrolled: false, online: false, lastSyncAt: null, serverUrl: null },
    });
    expect(status.outbox.oldestAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(status.outbox.oldestAgeSeconds).toBeLessThan(660);
  });

  it('takes no positional arguments', async () => {
    await expect(statusCommand(['now'])).rejects.toThrow(UsageError);
  });
});

describe('openlane sync', () => {
  it('says the terminal is not enrolled, and exits 1', async () => {
    expect(await syncCommand(['--data', dir])).toBe(1);
    expect(err.join('\n')).toMatch(/not enrolled.*openlane enrol/);
  });

  it('exits 1 saying HQ cannot be reached, keeping the events, and status then says offline', async () => {
    const serverUrl = await closedUrl();
    saveCredentials(dir, { serverUrl, deviceId: 'd', secret: 's', storeCode: 'S001', enrolledAt: '' });
    const store = openTerminalStore(dir);
    queueEvent(store);
    store.db.close();
    expect(await syncCommand(['--data', dir])).toBe(1);
    expect(err.join('\n')).toMatch(
      /HQ cannot be reached: HQ at .* cannot be reached \(ECONNREFUSED\).*Nothing was lost/,
    );
    out.length = 0;
    await statusCommand(['--data', dir]);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      outbox: { pending: 1 },
      sync: { enrolled: true, online: false, lastError: expect.stringMatching(/ECONNREFUSED/), serverUrl },
    });
  });
});

describe('openlane enrol', () => {
  it('needs --server and --code, and a http(s) URL', async () => {
    await expect(enrolCommand(['--data', dir])).rejects.toThrow(UsageError);
    await expect(enrolCommand(['--server', 'ftp://hq', '--code', 'X', '--data', dir])).rejects.toThrow(
      /must start with http/,
    );
  });

  it('fails naming the server when HQ cannot be reached, and saves nothing', async () => {
    const url = await closedUrl();
    await expect(
      enrolCommand(['--server', url, '--code', 'AAAA-BBBB-CCCC-DDDD', '--data', dir]),
    ).rejects.toThrow(/cannot be reached/);
    expect(await syncCommand(['--data', dir])).toBe(1);
    expect(err.join('\n')).toMatch(/not enrolled/);
  });
});
