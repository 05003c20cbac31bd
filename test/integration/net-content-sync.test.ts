// A product's net content end to end on real parts: the catalog file's net_content column imported at
// a real HQ on PGlite, sent down over HTTP with the catalog sync to a terminal's SQLite store, and the
// terminal's shelf price then giving a bottle its price per litre and a pack its price per kg.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNetContent, findProduct } from '../../db/catalog';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { shelfPrice } from '../../services/stock/shelf-price';
import { openTerminalStore } from '../../services/store';
import { syncDataDir } from '../helpers/sync-data-dir';
import { enrolTerminal } from '../../services/sync';
import { startBackend, type TestBackend } from '../helpers/postgres';

const BOTTLE = '06901234500011';
const PACK = '06901234500028';
const PLAIN = '06901234500035';
const file = (bottle: string) =>
  [
    'barcode,name,price,tax_rate,unit,department,net_content',
    `6901234500011,Cola 1.5 l,5.99,13,each,Drinks,${bottle}`,
    '6901234500028,Biscuits 250 g,4.25,13,each,Snacks,250 g',
    '6901234500035,Lighter,3.00,13,each,Household,',
  ].join('\n');

let backend: TestBackend;
let server: RunningServer;
let root: string;
let data: string;

const sync = () => syncDataDir(data);
const onTerminal = <T>(read: (db: ReturnType<typeof openTerminalStore>['db']) => T): T => {
  const store = openTerminalStore(data);
  try {
    return read(store.db);
  } finally {
    store.db.close();
  }
};
const unitPrice = (gtin: string) =>
  onTerminal((db) => shelfPrice(db, findProduct(db, gtin)!, new Date()).unitPrice);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'openlane-net-content-'));
  data = join(root, 'terminal');
  backend = await startBackend('pglite');
  server = await startServer({ port: 0, dataDir: backend.dataDir });
  openTerminalStore(data).db.close();
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'K01' });
});

afterAll(async () => {
  await server?.close();
  await backend?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('net content from the catalog file at HQ', () => {
  it('reaches the terminal, which shows the price per litre and per kg', async () => {
    expect(await importCatalogCsv(server.db, file('1.5 l'))).toMatchObject({ ok: true, changed: 3 });
    await sync();
    expect(onTerminal((db) => findNetContent(db, BOTTLE))).toEqual({ amount: 1500, unit: 'ml' });
    // 5.99 for 1.5 l is 3.993 per l → 3.99; 4.25 for 250 g is 17.00 per kg; a lighter has none.
    expect(unitPrice(BOTTLE)).toEqual({ amount: 399, per: 'l' });
    expect(unitPrice(PACK)).toEqual({ amount: 1700, per: 'kg' });
    expect(unitPrice(PLAIN)).toBeNull();
  });

  it('sends a changed net content alone, and its removal', async () => {
    expect(await importCatalogCsv(server.db, file('1.5 l'))).toMatchObject({ ok: true, changed: 0 });
    expect(await importCatalogCsv(server.db, file('2 x 1 l'))).toMatchObject({ ok: true, changed: 1 });
    await sync();
    expect(unitPrice(BOTTLE)).toEqual({ amount: 300, per: 'l' });
    expect(await importCatalogCsv(server.db, file(''))).toMatchObject({ ok: true, changed: 1 });
    await sync();
    expect(unitPrice(BOTTLE)).toBeNull();
  });

  it('refuses a file with a bad net content, naming its line, and changes nothing', async () => {
    const refused = await importCatalogCsv(server.db, file('1.5 oz'));
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message:
            'net_content "1.5 oz" is not an amount with g, kg, ml, cl or l, like 500 g, 1.5 l or 6 x 330 ml',
        },
      ],
    });
    const rows = await server.db.query<{ net_content: number | null }>(
      'SELECT net_content FROM products WHERE gtin = $1',
      [BOTTLE],
    );
    expect(rows.rows).toEqual([{ net_content: null }]);
  });
});
