// CSV imports taken by the back office, as jobs with progress. The file is checked first (every row,
// by the CLI's validator, so the errors are the CLI's, line by line), then written by the CLI's own
// importCatalogCsv: still one transaction, all or nothing. The job's row in office_import_jobs carries
// its progress, so any HQ process answers a poll; the process running it also keeps it in memory,
// because on PGlite the import's transaction holds the one connection until it commits.
import { randomUUID } from 'node:crypto';
import { readCsv } from '../../core/catalog/csv';
import { catalogProducts, type CatalogRowError } from '../../core/catalog/import-rows';
import type { Database } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import { importCatalogCsv } from './import';

export type ImportStatus = 'validating' | 'writing' | 'done' | 'failed';

export interface ImportJobView {
  id: string;
  kind: 'catalog' | 'store_prices';
  store: string | null;
  fileName: string | null;
  by: string;
  status: ImportStatus;
  /** Lines in the file (header included) and how far the current step has gone through them. */
  totalLines: number;
  linesDone: number;
  rows: number | null;
  changed: number | null;
  /** The catalog version the import committed at. */
  version: number | null;
  message: string | null;
  /** The CLI's line-numbered errors (at most 1000) when the file was refused. */
  errors: CatalogRowError[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportJobOptions {
  store?: string;
  currency?: string;
  fileName?: string;
}

/** Jobs this process runs, by id: answered from here while they run. */
const running = new Map<string, ImportJobView>();
/** How often progress goes to the database at most (a final state always does). */
const PERSIST_EVERY_MS = 200;
/** Records checked between two yields to the event loop, so polls are answered while a file is checked. */
const CHECK_SLICE = 5000;

/** Records the job and starts it; it runs on after this returns. */
export async function startImportJob(
  db: Database,
  actor: Actor,
  text: string,
  options: ImportJobOptions,
): Promise<ImportJobView> {
  const now = new Date().toISOString();
  const job: ImportJobView = {
    id: randomUUID(),
    kind: options.store ? 'store_prices' : 'catalog',
    store: options.store ?? null,
    fileName: options.fileName ?? null,
    by: actor.name,
    status: 'validating',
    totalLines: countLines(text),
    linesDone: 0,
    rows: null,
    changed: null,
    version: null,
    message: null,
    errors: null,
    createdAt: now,
    updatedAt: now,
  };
  await db.query(
    `INSERT INTO office_import_jobs (id, kind, store_code, actor_name, file_name, status, total_lines)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [job.id, job.kind, job.store, job.by, job.fileName, job.status, job.totalLines],
  );
  running.set(job.id, job);
  void new JobRun(db, actor, job, text, options).run();
  return { ...job };
}

/** A job's state: this process's own if it runs it, else the database's. */
export async function readImportJob(db: Database, id: string): Promise<ImportJobView | null> {
  const mine = running.get(id);
  if (mine) return { ...mine };
  const { rows } = await db.query<JobRow>(`${SELECT_JOB} WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The newest jobs, for the import screen's history. */
export async function listImportJobs(
  db: Database,
  stores: readonly string[] | null,
): Promise<ImportJobView[]> {
  const { rows } = await db.query<JobRow>(
    `${SELECT_JOB} WHERE $1::text[] IS NULL OR store_code = ANY($1::text[]) ORDER BY created_at DESC, id LIMIT 20`,
    [stores],
  );
  return rows.map((r) => running.get(r.id) ?? fromRow(r));
}

class JobRun {
  private persisted = Promise.resolve();
  private lastPersist = 0;

  constructor(
    private readonly db: Database,
    private readonly actor: Actor,
    private readonly job: ImportJobView,
    private readonly text: string,
    private readonly options: ImportJobOptions,
  ) {}

  async run(): Promise<void> {
    try {
      const errors = await this.check();
      if (errors.length > 0) return this.finish('failed', problems(errors), errors);
      this.update({ status: 'writing', linesDone: 0 }, true);
      const result = await importCatalogCsv(this.db, this.text, {
        store: this.options.store,
        currency: this.options.currency,
        onProgress: (line) => this.update({ linesDone: line }),
        beforeCommit: (tx, done) =>
          recordAudit(tx, this.actor, {
            action: this.options.store ? 'store_prices.import' : 'catalog.import',
            targetType: 'import_job',
            targetId: this.job.id,
            store: this.options.store ?? null,
            after: { file: this.job.fileName, ...done },
          }),
      });
      if (!result.ok) return this.finish('failed', problems(result.errors), result.errors);
      this.update({ rows: result.rows, changed: result.changed, version: result.version });
      return this.finish('done', null, null);
    } catch (error) {
      return this.finish(
        'failed',
        `the import failed and changed nothing: ${(error as Error).message}`,
        null,
      );
    }
  }

  /** Every row through the CLI's validator, in slices, reporting the line reached. */
  private async check(): Promise<CatalogRowError[]> {
    const errors: CatalogRowError[] = [];
    let line = 0;
    const records = (function* (text: string) {
      for (const record of readCsv(text)) {
        line = record.line;
        yield record;
      }
    })(this.text);
    let seen = 0;
    for (const _ of catalogProducts(
      records,
      { currency: this.options.currency ?? 'CNY', defaultTaxRateBp: 1300 },
      errors,
    )) {
      if (++seen % CHECK_SLICE === 0) {
        this.update({ linesDone: line });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return errors;
  }

  private update(change: Partial<ImportJobView>, force = false): void {
    Object.assign(this.job, change, { updatedAt: new Date().toISOString() });
    if (!force && Date.now() - this.lastPersist < PERSIST_EVERY_MS) return;
    this.lastPersist = Date.now();
    const j = { ...this.job };
    // One write at a time, in order, never awaited by the import: on PGlite it waits for the commit.
    this.persisted = this.persisted.then(() =>
      this.db
        .query(
          `UPDATE office_import_jobs SET status = $2, lines_done = $3, rows_written = $4, changed = $5,
             version = $6, message = $7, errors = $8::jsonb, updated_at = now() WHERE id = $1`,
          [
            j.id,
            j.status,
            j.linesDone,
            j.rows,
            j.changed,
            j.version,
            j.message,
            j.errors === null ? null : JSON.stringify(j.errors),
          ],
        )
        .then(
          () => undefined,
          () => undefined, // progress is best effort; the final state is retried by finish
        ),
    );
  }

  private async finish(status: 'done' | 'failed', message: string | null, errors: CatalogRowError[] | null) {
    this.update(
      { status, message, errors: errors?.slice(0, 1000) ?? null, linesDone: this.job.totalLines },
      true,
    );
    await this.persisted;
    running.delete(this.job.id);
  }
}

function problems(errors: readonly CatalogRowError[]): string {
  return `nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}`;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

const SELECT_JOB = `SELECT id, kind, store_code, actor_name, file_name, status, total_lines, lines_done, rows_written,
  changed, version, message, errors, created_at, updated_at FROM office_import_jobs`;

interface JobRow {
  id: string;
  kind: 'catalog' | 'store_prices';
  store_code: string | null;
  actor_name: string;
  file_name: string | null;
  status: ImportStatus;
  total_lines: number;
  lines_done: number;
  rows_written: number | null;
  changed: number | null;
  version: unknown;
  message: string | null;
  errors: CatalogRowError[] | null;
  created_at: unknown;
  updated_at: unknown;
}

function fromRow(r: JobRow): ImportJobView {
  return {
    id: r.id,
    kind: r.kind,
    store: r.store_code,
    fileName: r.file_name,
    by: r.actor_name,
    status: r.status,
    totalLines: r.total_lines,
    linesDone: r.lines_done,
    rows: r.rows_written,
    changed: r.changed,
    version: r.version === null ? null : toNumber(r.version),
    message: r.message,
    errors: r.errors,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}
