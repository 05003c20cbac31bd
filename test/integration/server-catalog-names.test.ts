// HQ's catalog with names in other languages, PLUs and the produce grid (server migration 0009): the
// chain import stores them, the feed sends them, and only a real change of them makes a new version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer } from '../../server';
import type { CatalogItem, RunningServer } from '../../server';
import { currentCatalogVersion } from '../../server/catalog/version';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

const file = (zh: string, plu = '4131') =>
  [
    'barcode,name,price,tax_rate,unit,department,name_zh-CN,plu,grid',
    `2400001000005,"Apples, Fuji",12.80,9,kg,Produce,${zh},${plu},`,
    '6901234567892,Jasmine Rice 5 kg,59.90,9,each,Pantry,,,',
  ].join('\n');

describe.each(BACKENDS)('HQ catalog names and produce on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let device: TestDevice;

  const pull = async (after: number) => {
    const reply = await call(server.url, 'GET', `/v1/catalog?after=${after}`, { token: device.token });
    expect(reply.status).toBe(200);
    // `after=N` starts at version N itself; what is newer than N is what a caught-up terminal gets.
    return (reply.body.items as CatalogItem[]).filter((item) => item.version > after);
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    device = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'A01'));
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('stores and sends the names, the PLU and the grid; a product without them has none', async () => {
    expect(await importCatalogCsv(server.db, file('富士苹果'))).toMatchObject({ ok: true, changed: 2 });
    const items = await pull(0);
    expect(items.find((i) => i.gtin === '02400001000005')).toMatchObject({
      names: { 'zh-CN': '富士苹果' },
      plu: '4131',
      grid: true,
    });
    expect(items.find((i) => i.gtin === '06901234567892')).toMatchObject({
      names: null,
      plu: null,
      grid: false,
    });
  });

  it('changes nothing for the same file, and sends a new Chinese name or PLU alone', async () => {
    const before = await currentCatalogVersion(server.db);
    expect(await importCatalogCsv(server.db, file('富士苹果'))).toMatchObject({ ok: true, changed: 0 });
    expect(await pull(before)).toEqual([]);
    expect(await importCatalogCsv(server.db, file('红富士苹果', '4129'))).toMatchObject({
      ok: true,
      changed: 1,
    });
    expect(await pull(before)).toEqual([
      expect.objectContaining({ gtin: '02400001000005', names: { 'zh-CN': '红富士苹果' }, plu: '4129' }),
    ]);
  });

  it('refuses a file with a bad language column whole, naming the line', async () => {
    const before = await currentCatalogVersion(server.db);
    const bad = file('富士苹果').replace('name_zh-CN', 'name_zh_CN');
    const result = await importCatalogCsv(server.db, bad);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(await currentCatalogVersion(server.db)).toBe(before);
  });
});
