// Sync problems: the dead letters of the reader's stores as sentences, each retried through HQ's real
// ingest (applied once its cause is fixed, or refused again with the new reason) or dismissed with a
// reason. Both are audited at HQ.
import '../stock/stock.css';
import { useState } from 'react';
import type { DeadLetterView } from '../../../server/problems/view';
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { StoreField, STORE_PATTERN } from '../stock/StoreField';
import { DismissForm } from './DismissForm';
import { deadLetterSentence, reasonOf } from './sentence';
import { problemTexts } from './texts';

const STATES = ['open', 'applied', 'dismissed'] as const;

export default function Problems() {
  const t = useTexts(problemTexts);
  const f = useFormat();
  const title = useTexts(areaTexts).problems;
  const { session } = useSession();
  const canWrite = session.role === 'admin' || session.role === 'store_manager';
  const [store, setStore] = useState('');
  const [state, setState] = useState<(typeof STATES)[number]>('open');
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<{ tone: 'ok' | 'info'; text: string } | null>(null);
  const [dismissing, setDismissing] = useState<DeadLetterView | null>(null);
  const storeQuery = STORE_PATTERN.test(store) ? store : undefined;
  const letters = useLoad(
    () =>
      api
        .get<{ deadLetters: DeadLetterView[] }>('/admin/v1/dead-letters', { store: storeQuery, state })
        .then((r) => r.deadLetters),
    [storeQuery, state],
  );
  const retry = async (d: DeadLetterView) => {
    setError(null);
    setSaid(null);
    try {
      const r = await api.post<{ outcome: 'applied' | 'refused'; deadLetter: DeadLetterView }>(
        `/admin/v1/dead-letters/${d.id}/retry`,
      );
      setSaid(
        r.outcome === 'applied'
          ? { tone: 'ok', text: fill(t.retried, { sentence: deadLetterSentence(d, t) }) }
          : { tone: 'info', text: fill(t.refusedAgain, { reason: reasonOf(r.deadLetter, t) }) },
      );
      letters.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const outcome = (d: DeadLetterView) => {
    if (d.state === 'applied')
      return fill(t.appliedBy, { who: d.resolvedBy ?? '', time: f.dateTime(d.resolvedAt!) });
    if (d.state === 'dismissed')
      return fill(t.dismissedBy, {
        who: d.resolvedBy ?? '',
        time: f.dateTime(d.resolvedAt!),
        note: d.note ?? '',
      });
    return d.retries > 0 ? fill(t.tries, { n: d.retries }) : '';
  };
  return (
    <Page title={title}>
      <p className="muted">{t.intro}</p>
      <Panel>
        <div className="form-row">
          <StoreField id="problems-store" value={store} onChange={setStore} allowAll />
          <label className="field" htmlFor="problems-state">
            {t.state}
            <select
              id="problems-state"
              value={state}
              onChange={(e) => setState(e.target.value as (typeof STATES)[number])}
            >
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {letters.error ? <ErrorNotice error={letters.error} /> : null}
        {error ? <ErrorNotice error={error} /> : null}
        {said ? <Notice tone={said.tone}>{said.text}</Notice> : null}
        {dismissing ? (
          <DismissForm
            letter={dismissing}
            sentence={deadLetterSentence(dismissing, t)}
            onDone={() => {
              setDismissing(null);
              letters.reload();
            }}
          />
        ) : null}
        <DataTable
          caption={t.list}
          csvName="dead-letters"
          testId="dead-letters"
          rows={letters.data ?? []}
          rowKey={(d) => d.id}
          columns={[
            {
              label: t.problem,
              cell: (d) => <span className="stock-sentence">{deadLetterSentence(d, t)}</span>,
              csv: (d) => deadLetterSentence(d, t),
            },
            { label: t.store, cell: (d) => d.store },
            { label: t.received, cell: (d) => f.dateTime(d.receivedAt), csv: (d) => d.receivedAt },
            { label: t.outcome, cell: outcome, csv: outcome },
            ...(canWrite && state === 'open'
              ? [
                  {
                    label: t.actions,
                    cell: (d: DeadLetterView) => (
                      <div className="stock-actions">
                        <button type="button" className="button-primary" onClick={() => void retry(d)}>
                          {t.retry}
                        </button>
                        <button type="button" className="button-quiet" onClick={() => setDismissing(d)}>
                          {t.dismiss}
                        </button>
                      </div>
                    ),
                    csv: () => '',
                  },
                ]
              : []),
          ]}
        />
      </Panel>
    </Page>
  );
}
