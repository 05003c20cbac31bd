// What went wrong, said plainly: HQ's own sentence, and a CSV's line-numbered errors when it sent them.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { fill, useTexts } from '../i18n';
import { uiTexts } from './texts';

export function Notice({ tone, children }: { tone: 'error' | 'ok' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

interface LineError {
  line: number;
  message: string;
}

export function ErrorNotice({ error }: { error: unknown }) {
  const t = useTexts(uiTexts);
  const message = error instanceof Error ? error.message : String(error);
  const details =
    error instanceof ApiError ? (error.details as { errors?: LineError[] } | undefined) : undefined;
  const lines = details?.errors ?? [];
  return (
    <Notice tone="error">
      <p>{message}</p>
      {lines.length > 0 ? (
        <ul className="line-errors">
          {lines.slice(0, 20).map((e) => (
            <li key={`${e.line}:${e.message}`}>{fill(t.lineError, { line: e.line, message: e.message })}</li>
          ))}
          {lines.length > 20 ? <li>{fill(t.moreErrors, { n: lines.length - 20 })}</li> : null}
        </ul>
      ) : null}
    </Notice>
  );
}
