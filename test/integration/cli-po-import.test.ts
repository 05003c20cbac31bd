// `openlane server po import FILE.csv` as HQ's IT runs it, on a real PGlite directory: a file with bad
// rows is refused whole, each named by its line; a good one lands; the same PO again is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { createEnrolmentCode, importCatalogCsv, openDatabase } from '../../server';
import { PRODUCTS } from '../helpers/checkout';

const { milk, bread } = PRODUCTS;

describe('openlane server po import', () => {
  let dir: string;
  let hq: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-po-'));
    hq = join(dir, 'hq');
    const db = await openDatabase({ dataDir: hq });
    try {
      await createEnrolmentCode(db, 'S001');
      const csv = [
        'barcode,name,price,tax_rate,unit,age_limit,department',
        `${milk.barcode},Milk,12.90,9,each,,Test`,
        `${bread.barcode},Bread,8.50,13,each,,Test`,
      ].join('\n');
      expect((await importCatalogCsv(db, csv)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...lines: string[]) => {
    const file = join(dir, 'po.csv');
    writeFileSync(file, lines.join('\n'));
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    vi.spyOn(console, 'error').mockImplementation((text: string) => void printed.push(text));
    try {
      return { code: await serverCommand(['po', 'import', file, '--data', hq]), text: printed.join('\n') };
    } finally {
      vi.restoreAllMocks();
    }
  };

  it('refuses a malformed file whole, then imports a good one once', async () => {
    const head = 'store,po_number,supplier,barcode,quantity,expected_on';
    const bad = await run(
      head,
      `S001,PO-7,Acme,${milk.barcode},5,`,
      `S009,PO-8,Acme,${bread.barcode},2,`,
      `S001,PO-7,Acme,4006381333931,1,`,
    );
    expect(bad.code).toBe(1);
    expect(bad.text).toMatch(/nothing was changed/);
    expect(bad.text).toMatch(/line 3: store S009 is not known/);
    expect(bad.text).toMatch(/line 4: barcode 04006381333931 is not in the chain catalog/);
    const good = await run(
      head,
      `S001,PO-7,Acme,${milk.barcode},5,2026-12-08`,
      `S001,PO-7,Acme,${bread.barcode},2,2026-12-08`,
    );
    expect(good).toEqual({ code: 0, text: 'Imported 1 purchase order: S001 PO-7 (2 lines).' });
    const again = await run(head, `S001,PO-7,Acme,${milk.barcode},5,2026-12-08`);
    expect(again.code).toBe(1);
    expect(again.text).toMatch(/line 2: PO PO-7 of store S001 was imported before/);
  });
});
