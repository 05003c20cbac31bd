// Product lookup at the counter (F3) on the 1,000,000-product bench catalog (buildLargeCatalogDb):
// searchCatalog for the kinds a cashier types — the beginning of a name (the NOCASE name index), the
// first digits of a barcode (the GTIN key), a word inside names (a scan that stops at a page of 20),
// and a word no product has (the scan reads every row: the slowest answer there is). Each call timed alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchCatalog } from '../../db/catalog-search';
import { openDatabase } from '../../db/open';
import { buildLargeCatalogDb } from './catalog';
import { percentile, type BenchRow } from './table';

export async function benchCatalogSearch(rows = 1_000_000, runs = 200): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'openlane-bench-search-'));
  try {
    const path = join(work, 'openlane.db');
    buildLargeCatalogDb(path, rows);
    const db = openDatabase(path);
    try {
      const count = rows.toLocaleString('en-US');
      const kinds: [string, (i: number) => string, number][] = [
        ['name beginning ("packed item 4…")', (i) => `packed item ${(i * 7919) % rows}`.slice(0, 16), runs],
        [
          'barcode digits ("69000…")',
          (i) => `6900${String((i * 7919) % rows).padStart(8, '0')}`.slice(0, 9),
          runs,
        ],
        ['word inside names ("family")', () => 'family', runs],
        ['a word no product has (reads every row)', () => 'zzqx', 10],
      ];
      return kinds.map(([kind, query, n]) => {
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          const q = query(i);
          const started = performance.now();
          searchCatalog(db, q);
          times.push(performance.now() - started);
        }
        return {
          name: `counter lookup (F3), ${kind}, ${count} products`,
          value: `p95 ${percentile(times, 95).toFixed(2)} ms`,
          baseline: `p50 ${percentile(times, 50).toFixed(2)} ms, ${n} runs`,
        };
      });
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
