// A catalog CSV import with a progress bar: first the upload (the browser's own progress), then HQ's
// own steps — checking every line, then writing — read from the import job HQ keeps, until it is done
// or refused with the CLI's line-numbered errors. Nothing is written unless every line is good.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, pathWith } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { href } from '../../app/route';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { catalogApi, type ImportJobView } from './api';
import { catalogTexts } from './texts';

/** How often a running job is asked about. */
const POLL_MS = 300;

type Progress = { step: 'uploading'; fraction: number } | { step: 'job'; job: ImportJobView } | null;

export function ImportPage() {
  const t = useTexts(catalogTexts);
  const area = useTexts(areaTexts);
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [store, setStore] = useState('');
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<unknown>(null);
  const recent = useLoad(() => catalogApi.jobs(), []);
  const polling = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(polling.current ?? undefined), []);

  const follow = (id: string) => {
    polling.current = setTimeout(async () => {
      try {
        const { job } = await catalogApi.job(id);
        setProgress({ step: 'job', job });
        if (job.status === 'validating' || job.status === 'writing') follow(id);
        else recent.reload();
      } catch (failure) {
        setError(failure);
      }
    }, POLL_MS);
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setProgress({ step: 'uploading', fraction: 0 });
    try {
      const path = pathWith('/admin/v1/catalog/import-jobs', { store: store.trim(), file: file.name });
      const { job } = await api.upload<{ job: ImportJobView }>(path, file, 'text/csv', (fraction) =>
        setProgress({ step: 'uploading', fraction }),
      );
      setProgress({ step: 'job', job });
      follow(job.id);
    } catch (failure) {
      setProgress(null);
      setError(failure);
    }
  };

  const running = progress?.step === 'uploading' || (progress?.step === 'job' && !finished(progress.job));
  const columns: Column<ImportJobView>[] = [
    { label: t.started, cell: (j) => format.dateTime(j.createdAt), csv: (j) => j.createdAt },
    { label: t.file, cell: (j) => j.fileName ?? '' },
    { label: t.what, cell: (j) => (j.store ? fill(t.kindStore, { store: j.store }) : t.kindCatalog) },
    { label: t.status, cell: (j) => statusLabel(j) },
    {
      label: t.rows,
      align: 'end',
      cell: (j) => (j.rows === null ? '' : format.number(j.rows)),
      csv: (j) => j.rows ?? '',
    },
    {
      label: t.changed,
      align: 'end',
      cell: (j) => (j.changed === null ? '' : format.number(j.changed)),
      csv: (j) => j.changed ?? '',
    },
    { label: t.by, cell: (j) => j.by },
  ];
  function statusLabel(job: ImportJobView): string {
    if (job.status === 'done')
      return fill(t.done, {
        rows: format.number(job.rows ?? 0),
        changed: format.number(job.changed ?? 0),
        version: job.version ?? '',
      });
    if (job.status === 'failed')
      return job.errors
        ? fill(t.refusedLines, { n: format.number(job.errors.length) })
        : `${t.failed}: ${job.message ?? ''}`;
    const line = { line: format.number(job.linesDone), total: format.number(job.totalLines) };
    return fill(job.status === 'validating' ? t.validating : t.writing, line);
  }

  return (
    <Page
      title={t.importTitle}
      actions={
        <a className="button-quiet catalog-link-button" href={href('catalog')}>
          {area.catalog}
        </a>
      }
    >
      <Panel>
        <p className="muted catalog-hint">{t.importHint}</p>
        <form className="form-row" onSubmit={(e) => void start(e)}>
          <label className="field">
            {t.file}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </label>
          <label className="field">
            {t.storeImport}
            <input value={store} onChange={(e) => setStore(e.target.value)} size={10} />
          </label>
          <button type="submit" className="button-primary" disabled={!file || running}>
            {t.startImport}
          </button>
        </form>
        {progress ? (
          <ProgressBar progress={progress} label={t.progress} text={progressText(progress)} />
        ) : null}
        {progress?.step === 'job' && progress.job.status === 'done' ? (
          <Notice tone="ok">{statusLabel(progress.job)}</Notice>
        ) : null}
        {progress?.step === 'job' && progress.job.status === 'failed' ? (
          <ErrorNotice
            error={
              new ApiError(400, 'catalog_invalid', progress.job.message ?? t.failed, {
                errors: progress.job.errors ?? [],
              })
            }
          />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
      </Panel>
      <Panel title={t.recentImports}>
        <DataTable
          caption={t.recentImports}
          rows={recent.data?.jobs ?? []}
          columns={columns}
          rowKey={(j) => j.id}
          csvName="catalog-imports"
        />
      </Panel>
    </Page>
  );

  function progressText(p: NonNullable<Progress>): string {
    if (p.step === 'uploading') return fill(t.uploading, { percent: Math.round(p.fraction * 100) });
    return statusLabel(p.job);
  }
}

function finished(job: ImportJobView): boolean {
  return job.status === 'done' || job.status === 'failed';
}

/**
 * One bar for the whole import: the upload fills its first tenth, checking the lines the next 45 %,
 * writing them the rest — so it only ever moves forward.
 */
function fractionOf(p: NonNullable<Progress>): number {
  if (p.step === 'uploading') return 0.1 * p.fraction;
  const { job } = p;
  if (finished(job)) return 1;
  const lines = job.totalLines > 0 ? Math.min(1, job.linesDone / job.totalLines) : 0;
  return job.status === 'validating' ? 0.1 + 0.45 * lines : 0.55 + 0.45 * lines;
}

function ProgressBar({
  progress,
  label,
  text,
}: {
  progress: NonNullable<Progress>;
  label: string;
  text: string;
}) {
  const percent = Math.round(fractionOf(progress) * 100);
  const state = progress.step === 'job' ? progress.job.status : 'uploading';
  return (
    <div className="catalog-progress" data-testid="import-progress" data-state={state}>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="catalog-progress-text" aria-live="polite">
        {text}
      </p>
    </div>
  );
}
