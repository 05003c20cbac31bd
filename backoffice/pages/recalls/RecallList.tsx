// Every recall, active first by default: what is recalled, why, by whom, since when, and how often a
// lane refused it. A row opens the recall with its attempts.
import { useState } from 'react';
import { api } from '../../api/client';
import { go } from '../../app/route';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { productLabel, scopeText, type RecallView } from './shared';
import { recallTexts } from './texts';

type State = 'active' | 'ended' | 'all';

export function RecallList({ version }: { version: number }) {
  const t = useTexts(recallTexts);
  const format = useFormat();
  const [state, setState] = useState<State>('active');
  const loaded = useLoad(
    () => api.get<{ recalls: RecallView[] }>('/admin/v1/recalls', { state }).then((r) => r.recalls),
    [state, version],
  );
  const columns: Column<RecallView>[] = [
    {
      label: t.product,
      // The table makes the first cell of a clickable row its button: it opens the recall.
      cell: (r) => productLabel(t, r),
      csv: (r) => r.productName ?? '',
    },
    { label: t.gtin, cell: (r) => r.gtin },
    { label: t.scope, cell: (r) => scopeText(t, r) },
    { label: t.reason, cell: (r) => r.reason },
    { label: t.madeBy, cell: (r) => r.createdBy },
    { label: t.since, cell: (r) => format.dateTime(r.createdAt), csv: (r) => r.createdAt },
    {
      label: t.status,
      cell: (r) =>
        r.active ? (
          <span className="tag tag-bad">{t.active}</span>
        ) : (
          <span className="tag">{fill(t.endedOn, { when: format.dateTime(r.endedAt!) })}</span>
        ),
      csv: (r) => (r.active ? 'active' : `ended ${r.endedAt}`),
    },
    { label: t.attempts, cell: (r) => format.number(r.attempts), csv: (r) => r.attempts, align: 'end' },
  ];
  const filter = (
    <div className="recall-filter" role="group" aria-label={t.show}>
      {(['active', 'ended', 'all'] as const).map((s) => (
        <button key={s} type="button" aria-pressed={state === s} onClick={() => setState(s)}>
          {t[s]}
        </button>
      ))}
    </div>
  );
  return (
    <Panel title={t.list} actions={filter}>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      <DataTable
        rows={loaded.data ?? []}
        columns={columns}
        rowKey={(r) => r.id}
        caption={t.list}
        csvName={`recalls-${state}`}
        onRowClick={(r) => go('recalls', r.id)}
        testId="recall-list"
      />
    </Panel>
  );
}
