// Counts: the reviews waiting for someone to accept one device's count (then the item's adjustment is
// booked), and the count sessions with what each booked.
import { useState } from 'react';
import type { CountReview } from '../../../core/sync';
import type { CountSessionRow } from '../../../server/stock/office-read';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { stockTexts } from './texts';

type Review = CountReview & { store: string };

export function CountsSection() {
  const t = useTexts(stockTexts);
  const f = useFormat();
  const { session } = useSession();
  const canWrite = session.role === 'admin' || session.role === 'store_manager';
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const reviews = useLoad(
    () => api.get<{ reviews: Review[] }>('/admin/v1/count-reviews').then((r) => r.reviews),
    [],
  );
  const sessions = useLoad(
    () => api.get<{ sessions: CountSessionRow[] }>('/admin/v1/stock/counts').then((r) => r.sessions),
    [],
  );
  const accept = async (review: Review, device: string) => {
    setError(null);
    setDone(null);
    try {
      await api.post(`/admin/v1/count-reviews/${review.id}/accept`, {
        device,
        reviewer: session.name.slice(0, 64),
      });
      setDone(device);
      reviews.reload();
      sessions.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <Panel title={t.reviews}>
        <p className="muted">{t.reviewsHelp}</p>
        {reviews.error ? <ErrorNotice error={reviews.error} /> : null}
        {error ? <ErrorNotice error={error} /> : null}
        {done ? <Notice tone="ok">{fill(t.accepted, { device: done })}</Notice> : null}
        <DataTable
          caption={t.reviews}
          csvName="count-reviews"
          testId="count-reviews"
          rows={reviews.data ?? []}
          rowKey={(r) => r.id}
          columns={[
            { label: t.store, cell: (r) => r.store },
            { label: t.session, cell: (r) => r.sessionId },
            { label: t.gtin, cell: (r) => r.gtin },
            { label: t.location, cell: (r) => r.location },
            {
              label: t.countsBy,
              cell: (r) =>
                canWrite ? (
                  <div className="stock-actions">
                    {r.counts.map((c) => (
                      <button
                        key={c.deviceId}
                        type="button"
                        className="button-quiet"
                        onClick={() => void accept(r, c.deviceId)}
                      >
                        {fill(t.accept, { device: c.deviceId, n: f.number(c.counted) })}
                      </button>
                    ))}
                  </div>
                ) : (
                  r.counts.map((c) => `${c.deviceId}: ${f.number(c.counted)}`).join(' · ')
                ),
              csv: (r) => r.counts.map((c) => `${c.deviceId}: ${c.counted}`).join('; '),
            },
          ]}
        />
      </Panel>
      <Panel title={t.sessions}>
        {sessions.error ? <ErrorNotice error={sessions.error} /> : null}
        <DataTable
          caption={t.sessions}
          csvName="count-sessions"
          testId="count-sessions"
          rows={sessions.data ?? []}
          rowKey={(s) => `${s.store}/${s.sessionId}`}
          columns={[
            { label: t.session, cell: (s) => s.sessionId },
            { label: t.store, cell: (s) => s.store },
            { label: t.items, cell: (s) => f.number(s.items), csv: (s) => s.items, align: 'end' },
            {
              label: t.held,
              cell: (s) => (s.held > 0 ? <span className="tag tag-warn">{f.number(s.held)}</span> : '0'),
              csv: (s) => s.held,
              align: 'end',
            },
            { label: t.added, cell: (s) => `+${f.number(s.added)}`, csv: (s) => s.added, align: 'end' },
            {
              label: t.removed,
              cell: (s) => `−${f.number(s.removed)}`,
              csv: (s) => -s.removed,
              align: 'end',
            },
            { label: t.counters, cell: (s) => s.counters.join(', '), csv: (s) => s.counters.join(' ') },
            { label: t.staff, cell: (s) => s.staff.join(', '), csv: (s) => s.staff.join(' ') },
            { label: t.to, cell: (s) => f.dateTime(s.to), csv: (s) => s.to },
          ]}
        />
      </Panel>
    </>
  );
}
