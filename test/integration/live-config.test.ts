// `openlane staff add` and `openlane enrol` beside a running `openlane serve` (a real process): both take
// effect at once, without the restart nobody mentioned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { PRODUCTS } from '../helpers/checkout';
import { runOpenlane } from '../helpers/cli';
import { startBackend, type TestBackend } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';

describe('a running terminal and the CLI beside it', () => {
  let dir: string;
  let serve: ServeProcess | null = null;
  const api = async (name: string, input: object = {}) => {
    const response = await fetch(new URL(`/api/${name}`, serve!.url), {
      method: 'POST',
      body: JSON.stringify(input),
    });
    return (await response.json()) as {
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string; message: string };
    };
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-live-'))));
  afterEach(async () => {
    await serve?.stop();
    serve = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets an attendant added by `openlane staff add` vouch for a payment at once', async () => {
    serve = await startServe({ dataDir: dir });
    const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    expect(await api('basket.addScan', { code: item.barcode, source: 'keypad' })).toMatchObject({ ok: true });
    expect(await api('payment.start')).toMatchObject({ ok: true, value: { status: 'pending' } });
    // Nobody knows this badge yet: it is only "a staff badge read".
    expect(await api('basket.addScan', { code: 'STAFF-A01X', source: 'wedge' })).toMatchObject({
      error: { code: 'staff_badge' },
    });

    const added = await runOpenlane(
      ['staff', 'add', '--id', 'A01', '--name', 'Li Na', '--badge', 'STAFF-A01X', '--data', dir],
      '2468\n',
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('takes them at once; no restart is needed');
    await expect
      .poll(async () => (await api('basket.addScan', { code: 'STAFF-A01X', source: 'wedge' })).error)
      .toMatchObject({ code: 'staff_override', message: expect.stringContaining('Attendant Li Na') });
    expect(serve.output()).toContain('openlane: settings.json changed: the attendants are now A01 (Li Na)');
  });

  describe('with HQ', () => {
    let backend: TestBackend;
    let server: RunningServer;
    beforeEach(async () => {
      backend = await startBackend('pglite');
      server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
      const { milk } = PRODUCTS;
      const csv = `barcode,name,price\n${milk.barcode},${milk.name},12.90\n`;
      expect((await importCatalogCsv(server.db, csv, { currency: 'CNY' })).ok).toBe(true);
    });
    afterEach(async () => {
      await serve?.stop();
      serve = null;
      await server?.close();
      await backend?.stop();
    });

    it('starts syncing with HQ as soon as `openlane enrol` is done', async () => {
      serve = await startServe({ dataDir: dir });
      expect(await api('sync.status')).toMatchObject({ value: { sync: { enrolled: false } } });
      const { code } = await createEnrolmentCode(server.db, 'S001');
      const enrolled = await runOpenlane(['enrol', '--server', server.url, '--code', code, '--data', dir]);
      expect(enrolled.status, enrolled.stderr).toBe(0);
      expect(enrolled.stdout).toContain('starts syncing with HQ at once; no restart is needed');
      await expect
        .poll(async () => (await api('sync.status')).value, { timeout: 15_000 })
        .toMatchObject({ sync: { enrolled: true, online: true }, catalog: { version: expect.any(Number) } });
      // HQ's catalog arrived; the demo store the terminal started with is gone.
      await expect
        .poll(async () => (await api('sync.status')).value?.catalog, { timeout: 15_000 })
        .toMatchObject({ products: 1 });
    });
  });
});
