// One recall: what it covers and why, ending it (asked twice), and every attempt a lane made to sell it.
import { useState } from 'react';
import { api } from '../../api/client';
import { href } from '../../app/route';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import {
  canWriteRecalls,
  matchText,
  productLabel,
  roleText,
  scopeText,
  type RecallAttemptView,
  type RecallView,
} from './shared';
import { recallTexts } from './texts';

export function RecallDetail({ id }: { id: string }) {
  const t = useTexts(recallTexts);
  const format = useFormat();
  const { session } = useSession();
  const loaded = useLoad(
    () =>
      api.get<{ recall: RecallView; attempts: RecallAttemptView[] }>(
        `/admin/v1/recalls/${encodeURIComponent(id)}/attempts`,
      ),
    [id],
  );
  const [confirming, setConfirming] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<unknown>(null);
  const [endedNow, setEndedNow] = useState(false);

  const back = (
    <a className="button-quiet" href={href('recalls')}>
      {t.back}
    </a>
  );
  if (loaded.error) {
    return (
      <Page title={t.title} actions={back}>
        <ErrorNotice error={loaded.error} />
      </Page>
    );
  }
  const data = loaded.data;
  if (!data)
    return (
      <Page title={t.title} actions={back}>
        {null}
      </Page>
    );
  const { recall, attempts } = data;
  const product = productLabel(t, recall);

  const end = async () => {
    setEnding(true);
    setEndError(null);
    try {
      await api.post(`/admin/v1/recalls/${encodeURIComponent(recall.id)}/end`);
      setConfirming(false);
      setEndedNow(true);
      loaded.reload();
    } catch (failure) {
      setEndError(failure);
    } finally {
      setEnding(false);
    }
  };

  const columns: Column<RecallAttemptView>[] = [
    { label: t.time, cell: (a) => format.dateTime(a.occurredAt), csv: (a) => a.occurredAt },
    { label: t.store, cell: (a) => a.store },
    { label: t.terminal, cell: (a) => a.terminalId ?? '' },
    { label: t.role, cell: (a) => roleText(t, a.role), csv: (a) => a.role ?? '' },
    { label: t.lot, cell: (a) => a.lot ?? '—', csv: (a) => a.lot ?? '' },
    { label: t.serial, cell: (a) => a.serial ?? '—', csv: (a) => a.serial ?? '' },
    { label: t.how, cell: (a) => matchText(t, a.match), csv: (a) => a.match ?? '' },
    { label: t.staff, cell: (a) => a.staffId ?? '—', csv: (a) => a.staffId ?? '' },
  ];
  const canEnd = recall.active && canWriteRecalls(session.role);

  return (
    <Page title={fill(t.details, { product })} actions={back}>
      <Panel>
        <dl className="recall-facts">
          <div>
            <dt>{t.gtin}</dt>
            <dd>{recall.gtin}</dd>
          </div>
          <div>
            <dt>{t.scope}</dt>
            <dd>{scopeText(t, recall)}</dd>
          </div>
          <div>
            <dt>{t.reason}</dt>
            <dd>{recall.reason}</dd>
          </div>
          <div>
            <dt>{t.madeBy}</dt>
            <dd>
              {recall.createdBy}, {format.dateTime(recall.createdAt)}
            </dd>
          </div>
          <div>
            <dt>{t.status}</dt>
            <dd data-testid="recall-status">
              {recall.active ? (
                <span className="tag tag-bad">{t.active}</span>
              ) : (
                <span className="tag">{fill(t.endedOn, { when: format.dateTime(recall.endedAt!) })}</span>
              )}
            </dd>
          </div>
          {recall.endedBy ? (
            <div>
              <dt>{t.endedBy}</dt>
              <dd>{recall.endedBy}</dd>
            </div>
          ) : null}
        </dl>
        {endedNow ? <Notice tone="ok">{t.endedNotice}</Notice> : null}
        {endError ? <ErrorNotice error={endError} /> : null}
        {canEnd && !confirming ? (
          <div className="recall-actions">
            <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
              {t.end}
            </button>
          </div>
        ) : null}
        {canEnd && confirming ? (
          <div className="recall-confirm" role="group" aria-label={t.end}>
            <p>{fill(t.endWarning, { product })}</p>
            <button type="button" className="button-danger" disabled={ending} onClick={() => void end()}>
              {t.confirmEnd}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
              {t.keep}
            </button>
          </div>
        ) : null}
      </Panel>
      <Panel title={t.attemptsTitle}>
        <p className="muted">{t.attemptsIntro}</p>
        <DataTable
          rows={attempts}
          columns={columns}
          rowKey={(a) => a.eventId}
          caption={t.attemptsTitle}
          csvName={`recall-attempts-${recall.gtin}`}
          testId="recall-attempts"
        />
      </Panel>
    </Page>
  );
}
