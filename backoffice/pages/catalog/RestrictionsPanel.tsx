// A product's sale restrictions on its page in the catalog (issue 14): minimum age, no-sale hours and
// the most a basket may hold, set chain-wide at HQ and enforced by the lanes after their next sync.
// The catalog's product page shows it as <RestrictionsPanel gtin=… />.
import { useEffect, useState, type FormEvent } from 'react';
import { formatNoSale, MAX_PER_BASKET, type TimeWindow } from '../../../core/restrictions';
import type { ProductRestrictionsView } from '../../../server/restrictions/store';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { hoursField, wholeField } from './restriction-form';
import { restrictionTexts } from './restriction-texts';
import './restrictions.css';

type HoursMode = 'follow' | 'any' | 'own';

interface Fields {
  age: string;
  mode: HoursMode;
  hours: string;
  max: string;
}

const fieldsOf = (r: ProductRestrictionsView): Fields => ({
  age: r.ageLimit === null ? '' : String(r.ageLimit),
  mode: r.noSale === null ? 'follow' : r.noSale.length === 0 ? 'any' : 'own',
  hours: r.noSale ? formatNoSale(r.noSale) : '',
  max: r.maxPerBasket === null ? '' : String(r.maxPerBasket),
});

export function RestrictionsPanel({ gtin }: { gtin: string }) {
  const t = useTexts(restrictionTexts);
  const { session } = useSession();
  const canWrite = session.role === 'admin' || session.role === 'category_manager';
  const path = `/admin/v1/products/${encodeURIComponent(gtin)}/restrictions`;
  const loaded = useLoad(() => api.get<{ restrictions: ProductRestrictionsView }>(path), [path]);
  const [fields, setFields] = useState<Fields | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const view = loaded.data?.restrictions ?? null;
  useEffect(() => {
    if (view) setFields(fieldsOf(view));
  }, [view]);

  const set = (change: Partial<Fields>) => {
    setFields((f) => (f ? { ...f, ...change } : f));
    setOutcome(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields) return;
    setProblem(null);
    setError(null);
    const age = wholeField(fields.age, 1, 99);
    const max = wholeField(fields.max, 1, MAX_PER_BASKET);
    const hours = fields.mode === 'own' ? hoursField(fields.hours) : { ok: true as const, value: [] };
    if (!age.ok) return setProblem(fill(t.badNumber, { field: t.ageLimit, min: 1, max: 99 }));
    if (!max.ok) return setProblem(fill(t.badNumber, { field: t.maxPerBasket, min: 1, max: MAX_PER_BASKET }));
    if (!hours.ok || (fields.mode === 'own' && hours.value.length === 0)) return setProblem(t.badHours);
    const noSale: TimeWindow[] | null = fields.mode === 'follow' ? null : hours.value;
    setBusy(true);
    try {
      const saved = await api.put<{ changed: boolean; restrictions: ProductRestrictionsView }>(path, {
        ageLimit: age.value,
        noSale,
        maxPerBasket: max.value,
      });
      setFields(fieldsOf(saved.restrictions));
      setOutcome(saved.changed ? t.saved : t.unchanged);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const ruleText = (rule: NonNullable<ProductRestrictionsView['departmentRule']>) =>
    [
      rule.noSale.length > 0 ? fill(t.notSoldIn, { hours: formatNoSale(rule.noSale) }) : t.anyHour,
      rule.maxPerBasket === null ? t.noLimit : fill(t.atMost, { n: rule.maxPerBasket }),
    ].join(' · ');

  return (
    <Panel title={t.panelTitle}>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {view && fields ? (
        <form className="restrictions-form" onSubmit={submit} aria-label={t.panelTitle}>
          <p className="muted">
            {view.department === null
              ? t.noDepartment
              : view.departmentRule
                ? fill(t.departmentRule, { department: view.department, rule: ruleText(view.departmentRule) })
                : t.noDepartmentRule}
          </p>
          <div className="form-row">
            <label className="field">
              {t.ageLimit}
              <input
                inputMode="numeric"
                value={fields.age}
                placeholder={t.ageNone}
                disabled={!canWrite}
                onChange={(e) => set({ age: e.target.value })}
              />
            </label>
            <label className="field">
              {t.maxPerBasket}
              <input
                inputMode="numeric"
                value={fields.max}
                placeholder={t.maxNone}
                disabled={!canWrite}
                onChange={(e) => set({ max: e.target.value })}
              />
            </label>
            <label className="field">
              {t.hours}
              <select
                value={fields.mode}
                disabled={!canWrite}
                onChange={(e) => set({ mode: e.target.value as HoursMode })}
              >
                <option value="follow">{t.hoursFollow}</option>
                <option value="any">{t.hoursAny}</option>
                <option value="own">{t.hoursOwn}</option>
              </select>
            </label>
          </div>
          {fields.mode === 'own' ? (
            <label className="field restrictions-hours">
              {t.hoursText}
              <input
                value={fields.hours}
                placeholder="22:00-07:00"
                disabled={!canWrite}
                onChange={(e) => set({ hours: e.target.value })}
              />
            </label>
          ) : null}
          <p className="muted restrictions-note">{t.precedence}</p>
          {problem ? <Notice tone="error">{problem}</Notice> : null}
          {error ? <ErrorNotice error={error} /> : null}
          {outcome ? <Notice tone="ok">{outcome}</Notice> : null}
          {canWrite ? (
            <div>
              <button type="submit" className="button-primary" disabled={busy}>
                {busy ? t.saving : t.save}
              </button>
            </div>
          ) : (
            <p className="muted">{t.readOnly}</p>
          )}
        </form>
      ) : null}
    </Panel>
  );
}
