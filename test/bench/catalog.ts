// Catalog benchmarks:
//
// Import: a generated CSV of 1,000,000 products (all seven columns, rows in a scrambled GTIN order as
// an ERP export would give them) goes through importCatalogFile — read, parse, validate every row,
// upsert in one transaction — into a fresh SQLite file opened as a terminal opens it (WAL, FULL sync).
// Timed from the call to its return.
//
// Lookup: 100,000 GTINs drawn at random (seeded) from the imported catalog, each looked up with
// findProduct and with a raw prepared `SELECT * FROM products WHERE gtin = ?` on the same connection,
// alternating which goes first so neither profits from the other's cache. Each call is timed alone.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Product } from '../../core/types';
import { findProduct, upsertProducts } from '../../db/catalog';
import { openDatabase } from '../../db/open';
import { importCatalogFile } from '../../services/catalog-import';
import { percentile, type BenchRow } from './table';

const DEPARTMENTS = [
  'Produce',
  'Bakery',
  'Dairy & Eggs',
  'Meat & Fish',
  'Frozen',
  'Pantry',
  'Snacks',
  'Drinks',
];

/** The EAN-13 of synthetic product `i` (0 ≤ i < 10^10): increasing with i, valid check digit. */
export function benchBarcode(i: number): string {
  return withCheckDigit(`69${String(i).padStart(10, '0')}`);
}

/** Synthetic product `i`, the same in the CSV and in buildLargeCatalogDb. */
export function benchProduct(i: number): Product {
  const barcode = benchBarcode(i);
  const byWeight = i % 20 === 0;
  return {
    gtin: `0${barcode}`,
    barcode,
    name: `${byWeight ? 'Loose' : 'Packed'} item ${i}${i % 7 === 0 ? ', family size' : ''}`,
    price: 100 + ((i * 7919) % 99_900),
    taxRateBp: i % 3 === 0 ? 900 : 1300,
    unit: byWeight ? 'kg' : 'each',
    ageLimit: i % 50 === 0 ? 18 : null,
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
  };
}

/** Writes a valid catalog CSV of `rows` synthetic products to `path`, in a scrambled order. */
export function makeCatalogCsv(path: string, rows: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const stride = coprimeStride(rows);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'barcode,name,price,tax_rate,unit,age_limit,department\r\n');
    let chunk: string[] = [];
    for (let n = 0; n < rows; n++) {
      const p = benchProduct((n * stride) % rows);
      const price = `${Math.floor(p.price / 100)}.${String(p.price % 100).padStart(2, '0')}`;
      const name = p.name.includes(',') ? `"${p.name}"` : p.name;
      chunk.push(
        `${p.barcode},${name},${price},${p.taxRateBp / 100},${p.unit},${p.ageLimit ?? ''},${p.department}\r\n`,
      );
      if (chunk.length === 50_000) {
        writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    writeSync(fd, chunk.join(''));
  } finally {
    closeSync(fd);
  }
}

/** A stride that visits every index of 0…rows-1 once (so the CSV is not in GTIN order). */
function coprimeStride(rows: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (let stride = 7_919; stride < 7_919 + 1_000; stride++) if (gcd(stride, rows) === 1) return stride;
  return 1;
}

/** Builds a terminal database of `count` synthetic products at `path`, fast (GTIN order, one transaction). */
export function buildLargeCatalogDb(path: string, count: number): number {
  mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path);
  try {
    function* products(): Generator<Product> {
      for (let i = 0; i < count; i++) yield benchProduct(i);
    }
    return db.transaction(() => upsertProducts(db, products()))();
  } finally {
    db.close();
  }
}

/** Import and lookup figures for a `rows`-product catalog. */
export async function benchCatalog(rows = 1_000_000, lookups = 100_000): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'openlane-bench-catalog-'));
  try {
    const csv = join(work, 'catalog.csv');
    makeCatalogCsv(csv, rows);
    const db = openDatabase(join(work, 'openlane.db'));
    try {
      const started = performance.now();
      const result = importCatalogFile(db, csv, { currency: 'CNY', defaultTaxRateBp: 1300 });
      const seconds = (performance.now() - started) / 1000;
      if (!result.ok || result.created !== rows)
        throw new Error(`import failed: ${JSON.stringify(result).slice(0, 500)}`);
      const count = rows.toLocaleString('en-US');
      return [
        {
          name: `catalog import, ${count}-row CSV → SQLite (one transaction)`,
          value: `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
          baseline: `${seconds.toFixed(1)} s total`,
        },
        ...benchLookups(db, rows, lookups, count),
      ];
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function benchLookups(
  db: ReturnType<typeof openDatabase>,
  rows: number,
  lookups: number,
  count: string,
): BenchRow[] {
  const raw = db.prepare<[string], unknown>('SELECT * FROM products WHERE gtin = ?');
  const random = mulberry32(20_251);
  const gtins = Array.from({ length: lookups }, () => `0${benchBarcode(Math.floor(random() * rows))}`);
  for (const gtin of gtins.slice(0, 10_000)) {
    findProduct(db, gtin);
    raw.get(gtin);
  }
  const ours: number[] = [];
  const base: number[] = [];
  const time = (samples: number[], lookup: () => unknown) => {
    const t0 = performance.now();
    const found = lookup();
    samples.push(performance.now() - t0);
    if (!found) throw new Error('a known GTIN was not found');
  };
  gtins.forEach((gtin, i) => {
    const a = () => time(ours, () => findProduct(db, gtin));
    const b = () => time(base, () => raw.get(gtin));
    if (i % 2 === 0) {
      a();
      b();
    } else {
      b();
      a();
    }
  });
  return [50, 99].map((p) => {
    const mine = percentile(ours, p);
    const theirs = percentile(base, p);
    return {
      name: `barcode lookup p${p}, findProduct (${count} products, ${lookups.toLocaleString('en-US')} lookups)`,
      value: ms(mine),
      baseline: `raw PK SELECT * ${ms(theirs)} (${(mine / theirs).toFixed(2)}×)`,
    };
  });
}

const ms = (value: number) => `${value.toFixed(4)} ms`;

/** A small seeded PRNG, so every run looks up the same GTINs. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
