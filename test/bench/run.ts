// `npm run bench`: runs every benchmark, prints one table, and keeps it in docs/benchmarks.md with the
// machine it ran on. Benchmarks are not tests: nothing fails because a machine is slow.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchAttendant } from './attendant';
import { benchCatalog } from './catalog';
import { benchCounter } from './counter';
import { benchCatalogSearch } from './catalog-search';
import { benchDecode } from './decode';
import { benchIngest } from './ingest';
import { benchLane } from './lane';
import { benchOfficeSearch } from './office-search';
import { benchOfficeReports } from './office-reports';
import { benchPayment } from './payment';
import { benchSync } from './sync';
import { renderTable, type BenchRow } from './table';

const only = process.argv.slice(2);
const suites: [string, () => Promise<BenchRow[]>][] = [
  ['catalog', benchCatalog],
  ['search', () => benchCatalogSearch()],
  ['lane', benchLane],
  ['decode', benchDecode],
  ['ingest', benchIngest],
  ['sync', () => benchSync()],
  ['payment', benchPayment],
  ['attendant', benchAttendant],
  ['counter', benchCounter],
  ['office-search', () => benchOfficeSearch()],
  ['office-reports', benchOfficeReports],
];

const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.error(`bench: ${name}…`);
  const started = performance.now();
  rows.push(...(await run()));
  console.error(`bench: ${name} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const table = renderTable(rows);
console.log(`\n${table}\n\nMachine: ${machine}`);
if (!only.length) {
  writeFileSync(
    new URL('../../docs/benchmarks.md', import.meta.url),
    `# Benchmarks\n\nThe latest \`npm run bench\`, run on ${new Date().toISOString().slice(0, 10)}.\n\n` +
      `Machine: ${machine}\n\n${table}\n\nHow each figure is measured is written at the top of its file in test/bench/.\n`,
  );
}
