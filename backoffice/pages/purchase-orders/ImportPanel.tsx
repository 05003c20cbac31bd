// Purchase orders from a CSV file, with upload progress and HQ's line-numbered errors.
import { useState } from 'react';
import { api } from '../../api/client';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { poTexts } from './texts';

export function ImportPanel({ onImported }: { onImported(): void }) {
  const t = useTexts(poTexts);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const upload = async () => {
    if (!file) return;
    setError(null);
    setDone(null);
    setProgress(0);
    try {
      const result = await api.upload<{ orders: unknown[] }>(
        '/admin/v1/purchase-orders/import',
        file,
        'text/csv',
        setProgress,
      );
      setDone(result.orders.length);
      onImported();
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Panel title={t.importTitle}>
      <p className="muted">{t.importHelp}</p>
      <div className="form-row">
        <label className="field" htmlFor="po-file">
          {t.file}
          <input
            id="po-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button
          type="button"
          className="button-primary"
          disabled={!file || progress !== null}
          onClick={() => void upload()}
        >
          {t.upload}
        </button>
      </div>
      {progress !== null ? (
        <div
          className="progress"
          role="progressbar"
          aria-label={t.upload}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
        >
          <span style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {done !== null ? <Notice tone="ok">{fill(t.imported, { n: done })}</Notice> : null}
    </Panel>
  );
}
