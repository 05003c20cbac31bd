// The audit log (admins and auditors): every change made through the back office, newest first, with
// who made it and its before → after; filtered by action, target, actor and dates; read a page at a
// time, older and newer (HQ's cursors, so paging stays right while changes keep coming); a page as CSV.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import type { AuditPage, AuditRow } from '../../../server/office/audit-log';
import { describeChange } from './changes';
import { AuditPager, PAGE_SIZES, type Cursor } from './AuditPager';
import { auditTexts } from './texts';
import './audit.css';

interface Filters {
  action: string;
  targetType: string;
  targetId: string;
  actor: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', targetType: '', targetId: '', actor: '', from: '', to: '' };

/** A date picked in the browser (its own day) → the instant that day begins, as HQ wants it. */
function dayStart(date: string, plusDays = 0): string | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

export default function AuditPage() {
  const t = useTexts(auditTexts);
  const area = useTexts(areaTexts);
  const format = useFormat();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [size, setSize] = useState<number>(PAGE_SIZES[1]);
  // Where the page shown starts: the newest entries, or just older / newer than an entry.
  const [cursor, setCursor] = useState<Cursor>({ page: 1 });
  const log = useLoad(
    () =>
      api.get<AuditPage>('/admin/v1/audit', {
        action: filters.action.trim(),
        targetType: filters.targetType.trim(),
        targetId: filters.targetId.trim(),
        actor: filters.actor.trim(),
        from: dayStart(filters.from),
        to: dayStart(filters.to, 1),
        limit: size,
        older: cursor.older,
        newer: cursor.newer,
      }),
    [filters, size, cursor],
  );
  // New filters or a new page size start again from the newest entries.
  const show = (next: Filters, nextSize = size) => {
    setFilters(next);
    setSize(nextSize);
    setCursor({ page: 1 });
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    show(draft);
  };
  const field = (key: keyof Filters, label: string, type = 'text', hint?: string) => (
    <Field
      label={label}
      type={type}
      data-testid={`audit-${key}`}
      value={draft[key]}
      placeholder={hint}
      onChange={(value) => setDraft({ ...draft, [key]: value })}
    />
  );
  const columns: Column<AuditRow>[] = [
    { label: t.at, cell: (e) => format.dateTime(e.at), csv: (e) => e.at },
    {
      label: t.actor,
      cell: (e) => (e.actorKind === 'token' ? t.token : e.actorName),
      csv: (e) => e.actorName,
    },
    { label: t.action, cell: (e) => <code>{e.action}</code>, csv: (e) => e.action },
    {
      label: t.targetId,
      cell: (e) => `${e.targetType}: ${e.targetId}`,
      csv: (e) => `${e.targetType}:${e.targetId}`,
    },
    { label: t.store, cell: (e) => e.store ?? t.none, csv: (e) => e.store ?? '' },
    {
      label: t.change,
      cell: (e) => <ChangeList before={e.before} after={e.after} none={t.none} />,
      csv: (e) => JSON.stringify({ before: e.before ?? null, after: e.after ?? null }),
    },
  ];
  const rows = log.data?.entries ?? [];
  return (
    <Page title={area.audit}>
      <Panel>
        <form className="audit-filters" onSubmit={apply} aria-label={t.filters}>
          {field('action', t.action, 'text', t.actionHint)}
          {field('targetType', t.targetType)}
          {field('targetId', t.targetId)}
          {field('actor', t.actor)}
          {field('from', t.from, 'date')}
          {field('to', t.to, 'date')}
          <div className="audit-buttons">
            <button type="submit" className="button-primary" data-testid="audit-apply">
              {t.apply}
            </button>
            <button type="button" className="button-quiet" onClick={() => (setDraft(EMPTY), show(EMPTY))}>
              {t.clear}
            </button>
          </div>
        </form>
      </Panel>
      <Panel>
        {log.error ? <ErrorNotice error={log.error} /> : null}
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(e) => e.id}
          caption={t.log}
          csvName={`audit-log-page-${cursor.page}`}
          testId="audit-table"
        />
        <AuditPager
          page={cursor.page}
          size={size}
          older={log.data?.older ?? null}
          newer={log.data?.newer ?? null}
          busy={log.loading}
          onSize={(n) => show(filters, n)}
          onPage={setCursor}
        />
      </Panel>
    </Page>
  );
}

function ChangeList({ before, after, none }: { before: unknown; after: unknown; none: string }) {
  const changes = describeChange(before, after);
  if (changes.length === 0) return <span className="muted">{none}</span>;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          {c.field ? <span className="audit-field">{c.field}</span> : null}
          {c.before !== null ? <del>{c.before}</del> : null}
          {c.before !== null && c.after !== null ? <span aria-hidden="true"> → </span> : null}
          {c.after !== null ? <ins>{c.after}</ins> : null}
        </li>
      ))}
    </ul>
  );
}
