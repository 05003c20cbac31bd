// One row of the benchmark table that `npm run bench` prints and docs/benchmarks.md keeps.
export interface BenchRow {
  /** What was measured, e.g. "barcode lookup p99 (1,000,000 products)". */
  name: string;
  /** The figure with its unit, e.g. "0.012 ms" or "210,000 rows/s". */
  value: string;
  /** The baseline measured in the same run, if any, e.g. "raw PK lookup 0.009 ms (1.3×)". */
  baseline?: string;
  /** The target, e.g. "≤ 25 ms", and whether it was met. */
  target?: string;
  met?: boolean;
}

/** Renders rows as a Markdown table. */
export function renderTable(rows: BenchRow[]): string {
  const head = '| measure | value | baseline (same run) | target | met |\n|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.value} | ${r.baseline ?? ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} |`,
  );
  return [head, ...body].join('\n');
}

/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}
