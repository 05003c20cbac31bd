// The chain's sale rules per department (issue 14), at #/catalog/restrictions: no-sale hours and the
// most a basket may hold of a department's items together, enforced by every lane after its next sync.
import { useState, type FormEvent } from 'react';
import { formatNoSale, MAX_PER_BASKET } from '../../../core/restrictions';
import type { DepartmentRuleView } from '../../../server/restrictions/store';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { hoursField, wholeField } from './restriction-form';
import { restrictionTexts } from './restriction-texts';
import './restrictions.css';

interface RulesReply {
  rules: DepartmentRuleView[];
}

const EMPTY = { department: '', hours: '', max: '' };

export function DepartmentRules() {
  const t = useTexts(restrictionTexts);
  const format = useFormat();
  const { session } = useSession();
  const canWrite = session.role === 'admin' || session.role === 'category_manager';
  const loaded = useLoad(() => api.get<RulesReply>('/admin/v1/department-rules'), []);
  const [rules, setRules] = useState<DepartmentRuleView[] | null>(null);
  const [fields, setFields] = useState(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = rules ?? loaded.data?.rules ?? [];
  const rulePath = (department: string) => `/admin/v1/department-rules/${encodeURIComponent(department)}`;

  const run = async (change: () => Promise<RulesReply>, done: string) => {
    setError(null);
    setOutcome(null);
    setBusy(true);
    try {
      setRules((await change()).rules);
      setOutcome(done);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const department = fields.department.trim();
    const hours = hoursField(fields.hours);
    const max = wholeField(fields.max, 1, MAX_PER_BASKET);
    if (department === '') return setProblem(t.needDepartment);
    if (!hours.ok) return setProblem(t.badHours);
    if (!max.ok) return setProblem(fill(t.badNumber, { field: t.maxPerBasket, min: 1, max: MAX_PER_BASKET }));
    const saved = await run(
      () => api.put<RulesReply>(rulePath(department), { noSale: hours.value, maxPerBasket: max.value }),
      fill(t.savedRule, { department }),
    );
    if (saved) setFields(EMPTY);
  };

  const hoursOf = (rule: DepartmentRuleView) =>
    rule.noSale.length > 0 ? formatNoSale(rule.noSale) : t.anyHour;
  const maxOf = (rule: DepartmentRuleView) =>
    rule.maxPerBasket === null ? t.noLimit : format.number(rule.maxPerBasket);
  const columns: Column<DepartmentRuleView>[] = [
    { label: t.department, cell: (r) => r.department },
    { label: t.hours, cell: hoursOf, csv: (r) => formatNoSale(r.noSale) },
    { label: t.maxPerBasket, cell: maxOf, csv: (r) => r.maxPerBasket ?? '', align: 'end' },
    { label: t.updated, cell: (r) => format.dateTime(r.updatedAt), csv: (r) => r.updatedAt },
  ];
  if (canWrite)
    columns.push({
      label: t.actions,
      csv: () => '',
      cell: (r) => (
        <span className="restrictions-actions">
          <button
            type="button"
            className="button-quiet"
            aria-label={`${t.edit} ${r.department}`}
            onClick={() =>
              setFields({
                department: r.department,
                hours: formatNoSale(r.noSale),
                max: r.maxPerBasket === null ? '' : String(r.maxPerBasket),
              })
            }
          >
            {t.edit}
          </button>
          <button
            type="button"
            className="button-quiet"
            aria-label={`${t.remove} ${r.department}`}
            disabled={busy}
            onClick={() =>
              void run(
                () => api.delete<RulesReply>(rulePath(r.department)),
                fill(t.removed, { department: r.department }),
              )
            }
          >
            {t.remove}
          </button>
        </span>
      ),
    });

  return (
    <Page title={t.rulesTitle}>
      <p className="muted">{t.rulesIntro}</p>
      {canWrite ? (
        <Panel title={t.formTitle}>
          <form className="restrictions-form" onSubmit={submit} aria-label={t.formTitle}>
            <div className="form-row">
              <label className="field">
                {t.department}
                <input
                  value={fields.department}
                  onChange={(e) => setFields({ ...fields, department: e.target.value })}
                />
              </label>
              <label className="field">
                {t.maxPerBasket}
                <input
                  inputMode="numeric"
                  value={fields.max}
                  placeholder={t.maxNone}
                  onChange={(e) => setFields({ ...fields, max: e.target.value })}
                />
              </label>
            </div>
            <label className="field restrictions-hours">
              {t.hoursRule}
              <input
                value={fields.hours}
                placeholder="22:00-07:00"
                onChange={(e) => setFields({ ...fields, hours: e.target.value })}
              />
            </label>
            <p className="muted restrictions-note">{t.precedence}</p>
            {problem ? <Notice tone="error">{problem}</Notice> : null}
            <div>
              <button type="submit" className="button-primary" disabled={busy}>
                {busy ? t.saving : t.save}
              </button>
            </div>
          </form>
        </Panel>
      ) : (
        <p className="muted">{t.readOnly}</p>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {outcome ? <Notice tone="ok">{outcome}</Notice> : null}
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      <Panel title={t.tableCaption}>
        {shown.length === 0 && !loaded.loading ? <p className="muted">{t.none}</p> : null}
        <DataTable
          rows={shown}
          columns={columns}
          rowKey={(r) => r.department}
          csvName="department-rules"
          caption={t.tableCaption}
          testId="department-rules"
        />
      </Panel>
    </Page>
  );
}
