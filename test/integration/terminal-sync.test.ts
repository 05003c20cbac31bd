// The running terminal (startTerminal, as `openlane serve` runs it) enrolled with a real HQ server on
// PGlite: the background sync starts by itself, its status and progress reach the event stream and the
// session, sync.now wakes it, HQ going away shows offline with the sale waiting, and close() stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import type { ApiResult, SyncView, TerminalEvent } from '../../services/api/contract';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { startTerminal, type Terminal } from '../../services/terminal';
import { PRODUCTS, WALLET, waitFor } from '../helpers/checkout';
import { startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');

let backend: TestBackend;
let server: RunningServer;
const dirs: string[] = [];

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  backend = await startBackend('pglite');
  server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
  expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
});

afterAll(async () => {
  await server?.close();
  await backend?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function enrolledDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-terminal-sync-'));
  dirs.push(dir);
  openTerminalStore(dir).db.close();
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: 'K01' });
  return dir;
}

describe('an enrolled terminal', () => {
  it('syncs in the background, tells the screen, shows a sale waiting while HQ is away, and stops on close', async () => {
    const dir = await enrolledDir();
    const events: TerminalEvent[] = [];
    let terminal: Terminal | null = await startTerminal({
      dataDir: dir,
      sync: { intervalMs: 60_000, backoffMs: 60_000, maxBackoffMs: 60_000 },
    });
    terminal.subscribe((e) => events.push(e));
    const statuses = () =>
      events.flatMap((e) => (e.type === 'sync.status' ? [e.status] : ([] as SyncView[])));
    try {
      const api = terminal.api;
      // The first sync pulls HQ's catalog (milk and bread) and records its version.
      const synced = await waitFor(
        'an online status',
        () => statuses().find((s) => s.sync.online && s.catalog.version > 0),
        15_000,
      );
      expect(synced).toMatchObject({
        sync: { enrolled: true, serverUrl: server.url, lastSyncAt: expect.any(String) },
        outbox: { pending: 0, pendingSales: 0, stale: false },
      });
      expect(events.some((e) => e.type === 'sync.progress' && e.progress.done)).toBe(true);
      const session = value(await api['session.get']({}));
      expect(session.sync).toMatchObject({
        sync: { online: true },
        catalog: { version: synced.catalog.version },
      });
      expect(value(await api['sync.status']({})).sync.online).toBe(true);

      // HQ goes away; a sale made now waits in the outbox and the screen hears of it at once.
      await server.close();
      value(await api['basket.addScan']({ code: milk.barcode, source: 'keypad' }));
      const paid = value(await api['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
      expect(paid.status).toBe('paid');
      const waiting = await waitFor('a sale waiting', () =>
        statuses().find((s) => s.outbox.pendingSales === 1),
      );
      expect(waiting.outbox.pending).toBeGreaterThan(1);
      value(await api['sale.finish']({}));

      // sync.now wakes the loop at once (no 60 s back-off): the attempt fails and says offline.
      const seen = statuses().length;
      expect(value(await api['sync.now']({})).sync.enrolled).toBe(true);
      const offline = await waitFor(
        'an offline status',
        () =>
          statuses()
            .slice(seen)
            .find((s) => !s.sync.online),
        15_000,
      );
      expect(offline).toMatchObject({
        sync: { online: false, lastError: expect.stringMatching(/cannot be reached/) },
        outbox: { pendingSales: 1 },
      });
      const reset = events.filter((e) => e.type === 'session.reset').at(-1);
      expect(reset?.type === 'session.reset' && reset.session.sync?.outbox.pendingSales).toBe(1);

      // close() stops the loop before the database closes: nothing is emitted after it.
      await terminal.close();
      terminal = null;
      const after = events.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(events.length).toBe(after);
    } finally {
      await terminal?.close();
      server = await startServer({ port: Number(new URL(server.url).port), dataDir: backend.dataDir });
    }
  });
});
