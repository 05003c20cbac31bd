// Sync benchmark: a new terminal's first catalog sync of 1,000,000 products, end to end.
//
// HQ: startServer (what `openlane server` runs) in this process, once on a fresh PGlite data dir and
// once on a throwaway PostgreSQL cluster from test/helpers/postgres.ts (initdb, fsync off). The chain
// catalog — the same 1,000,000 synthetic products as test/bench/catalog.ts (benchProduct) — is loaded
// in bulk: one INSERT … SELECT over generate_series at one catalog version, then ANALYZE, as an import
// leaves it (HQ's CSV import of 1,000,000 rows takes minutes and is not what this measures). The load
// is reported but is not the measured figure.
//
// Terminal: a fresh data dir, enrolled with a one-time code over HTTP (enrolTerminal), then one
// `syncOnce` in a child process (test/bench/sync-terminal.ts: it opens the store as `openlane sync`
// does), so terminal and HQ each have their own event loop as they do in a store. Timed inside the
// child from the call to syncOnce to its return — after the last page and its cursor have committed
// in the terminal's SQLite (WAL, synchronous FULL) — over real HTTP on 127.0.0.1. Afterwards this
// process opens the terminal's SQLite and checks it holds exactly 1,000,000 products and that a few
// spot-checked products equal benchProduct field by field. Also reported: pages, CPU seconds of the
// terminal child and of this (HQ) process during the sync (PostgreSQL's own processes are not counted),
// the child's peak RSS, and its worst event-loop stall (how long a kiosk scan could have waited). The
// machine is shared, so the CPU figures are the steadier ones; the wall time is the target's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Product } from '../../core/types';
import { countProducts, findProduct } from '../../db/catalog';
import { openDatabase } from '../../db/open';
import { createEnrolmentCode, startServer, type Database } from '../../server';
import { takeCatalogVersion } from '../../server/catalog/version';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { startBackend, type BackendKind } from '../helpers/postgres';
import { benchProduct } from './catalog';
import type { BenchRow } from './table';

const PRODUCTS = 1_000_000;
const TARGET_SECONDS = 60;
const CHILD = fileURLToPath(new URL('./sync-terminal.ts', import.meta.url));

interface ChildReport {
  seconds: number;
  cpuSeconds: number;
  pages: number;
  pulled: number;
  skipped: number;
  catalogVersion: number;
  maxRssBytes: number;
  maxStallMs: number;
  p99StallMs: number;
}

export async function benchSync(products = PRODUCTS): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'openlane-bench-sync-'));
  try {
    const rows: BenchRow[] = [];
    for (const kind of ['pglite', 'postgres'] as const) rows.push(await firstSync(kind, products, work));
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function firstSync(kind: BackendKind, products: number, work: string): Promise<BenchRow> {
  const backend = await startBackend(kind);
  try {
    const server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    try {
      const loadStarted = performance.now();
      await loadChain(server.db, products);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      console.error(`bench: sync/${kind}: HQ loaded ${products} products in ${loadSeconds.toFixed(1)} s`);

      const dataDir = mkdtempSync(join(work, `terminal-${kind}-`));
      openTerminalStore(dataDir).db.close();
      const { code } = await createEnrolmentCode(server.db, 'S001');
      await enrolTerminal({ dataDir, serverUrl: server.url, code, terminalName: 'BENCH' });
      const hqCpu = process.cpuUsage();
      const report = await runTerminal(dataDir);
      const used = process.cpuUsage(hqCpu);
      const hqCpuSeconds = (used.user + used.system) / 1e6;
      verify(join(dataDir, 'openlane.db'), products, report);
      console.error(`bench: sync/${kind}: ${JSON.stringify({ ...report, hqCpuSeconds })}`);
      const count = products.toLocaleString('en-US');
      const label = kind === 'pglite' ? 'PGlite' : 'PostgreSQL 15';
      return {
        name: `first catalog sync, ${count} products, HQ on ${label} → terminal SQLite`,
        value: `${report.seconds.toFixed(1)} s (${Math.round(products / report.seconds).toLocaleString('en-US')} products/s)`,
        baseline:
          `${report.pages} pages; CPU: terminal ${report.cpuSeconds.toFixed(1)} s, HQ process ` +
          `${hqCpuSeconds.toFixed(1)} s; terminal peak RSS ${Math.round(report.maxRssBytes / 2 ** 20)} MiB, ` +
          `worst event-loop stall ${report.maxStallMs.toFixed(0)} ms; HQ load ${loadSeconds.toFixed(1)} s`,
        target: `≤ ${TARGET_SECONDS} s`,
        met: report.seconds <= TARGET_SECONDS,
      };
    } finally {
      await server.close();
    }
  } finally {
    await backend.stop();
  }
}

// benchProduct(i) in SQL: the EAN-13 is '69', i in ten digits, and the GS1 check digit (weights 3 and 1
// from the right: 3 on the units digit of i, 1 on its tens, …; '6' and '9' add 6·1 + 9·3 = 33).
const LOAD_SQL = `
  INSERT INTO products (gtin, barcode, name, currency, price, tax_rate_bp, unit, age_limit, department, version)
  SELECT '0' || b, b,
         CASE WHEN i % 20 = 0 THEN 'Loose' ELSE 'Packed' END || ' item ' || i
           || CASE WHEN i % 7 = 0 THEN ', family size' ELSE '' END,
         'CNY', 100 + (i * 7919) % 99900, CASE WHEN i % 3 = 0 THEN 900 ELSE 1300 END,
         CASE WHEN i % 20 = 0 THEN 'kg' ELSE 'each' END, CASE WHEN i % 50 = 0 THEN 18 END,
         (ARRAY['Produce', 'Bakery', 'Dairy & Eggs', 'Meat & Fish', 'Frozen', 'Pantry', 'Snacks', 'Drinks'])[i % 8 + 1],
         $2
  FROM (SELECT i, '69' || lpad(i::text, 10, '0') || ((10 - (33
          + 3 * (i % 10) + (i / 10) % 10 + 3 * ((i / 100) % 10) + (i / 1000) % 10
          + 3 * ((i / 10000) % 10) + (i / 100000) % 10 + 3 * ((i / 1000000) % 10)
          + (i / 10000000) % 10 + 3 * ((i / 100000000) % 10) + (i / 1000000000) % 10) % 10) % 10)::text AS b
        FROM generate_series(0::bigint, $1::bigint - 1) AS i) AS generated`;

/** Loads `products` synthetic chain products at one new catalog version, and refreshes statistics. */
async function loadChain(db: Database, products: number): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await takeCatalogVersion(tx);
    await tx.query(LOAD_SQL, [products, version]);
  });
  await db.query('ANALYZE products');
}

function runTerminal(dataDir: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the terminal sync exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
      } catch (error) {
        reject(new Error(`the terminal sync printed no report: ${out} (${(error as Error).message})`));
      }
    });
  });
}

/** The terminal holds exactly the chain's products, and spot checks match what was generated. */
function verify(path: string, products: number, report: ChildReport): void {
  if (report.pulled !== products || report.skipped !== 0) {
    throw new Error(`the sync pulled ${report.pulled} and skipped ${report.skipped}, not ${products}`);
  }
  const db = openDatabase(path);
  try {
    const count = countProducts(db);
    if (count !== products) throw new Error(`the terminal holds ${count} products, not ${products}`);
    for (const i of [0, 1, 7, 20, 4_243, 123_457, Math.floor(products / 2), products - 1].filter(
      (n) => n < products,
    )) {
      const want = benchProduct(i);
      const got = findProduct(db, want.gtin);
      const fields = Object.keys(want) as (keyof Product)[];
      if (!got || fields.some((field) => got[field] !== want[field])) {
        throw new Error(`product ${want.gtin}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      }
    }
  } finally {
    db.close();
  }
}
