// A product's details as a form: what HQ checks is what the catalog file's import checks, so a refusal
// reads the same as the CLI's. Saving sends only the fields that changed.
import { useState, type FormEvent } from 'react';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { catalogApi, type ProductDetail, type ProductEdit } from './api';
import { decimal } from './money';
import { catalogTexts } from './texts';

interface Draft {
  name: string;
  names: [string, string][];
  price: string;
  taxRate: string;
  unit: 'each' | 'kg';
  department: string;
  plu: string;
  grid: boolean;
  netContent: string;
}

function draftOf(p: ProductDetail): Draft {
  return {
    name: p.name,
    names: Object.entries(p.names ?? {}),
    price: decimal(p.price, p.currency),
    taxRate: String(p.taxRateBp / 100),
    unit: p.unit,
    department: p.department ?? '',
    plu: p.plu ?? '',
    grid: p.grid,
    netContent: p.netContent ? netContentText(p.netContent.amount, p.netContent.unit) : '',
  };
}

/** 1000 ml → "1 l", 500 g → "500 g": as a person writes it in the catalog file. */
function netContentText(amount: number, unit: 'g' | 'ml'): string {
  if (amount % 1000 !== 0) return `${amount} ${unit}`;
  return `${amount / 1000} ${unit === 'g' ? 'kg' : 'l'}`;
}

/** The fields whose text differs from what was loaded. */
function changes(before: Draft, after: Draft): ProductEdit {
  const edit: ProductEdit = {};
  if (after.name !== before.name) edit.name = after.name;
  if (JSON.stringify(after.names) !== JSON.stringify(before.names))
    edit.names = Object.fromEntries(after.names.filter(([tag]) => tag.trim() !== ''));
  if (after.price !== before.price) edit.price = after.price;
  if (after.taxRate !== before.taxRate) edit.taxRate = after.taxRate;
  if (after.unit !== before.unit) edit.unit = after.unit;
  if (after.department !== before.department) edit.department = after.department;
  if (after.plu !== before.plu) edit.plu = after.plu;
  if (after.grid !== before.grid) edit.grid = after.grid;
  if (after.netContent !== before.netContent) edit.netContent = after.netContent;
  return edit;
}

export function ProductForm({ product, onSaved }: { product: ProductDetail; onSaved(): void }) {
  const t = useTexts(catalogTexts);
  const loaded = draftOf(product);
  const [draft, setDraft] = useState(loaded);
  const [outcome, setOutcome] = useState<{ ok: string } | { error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setName = (index: number, at: 0 | 1, value: string) =>
    set(
      'names',
      draft.names.map((entry, i) =>
        i === index ? (at === 0 ? [value, entry[1]] : [entry[0], value]) : entry,
      ),
    );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await catalogApi.edit(product.gtin, changes(loaded, draft));
      setOutcome({ ok: saved.changed ? fill(t.saved, { version: saved.version ?? '' }) : t.unchanged });
      setDraft(draftOf(saved.product));
      onSaved();
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t.details}>
      <form className="catalog-form" onSubmit={(e) => void save(e)} data-testid="product-form">
        <label className="field catalog-wide">
          {t.name}
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="field">
          {t.price} ({product.currency})
          <input value={draft.price} inputMode="decimal" onChange={(e) => set('price', e.target.value)} />
        </label>
        <label className="field">
          {t.taxRate}
          <input value={draft.taxRate} inputMode="decimal" onChange={(e) => set('taxRate', e.target.value)} />
        </label>
        <label className="field">
          {t.unit}
          <select value={draft.unit} onChange={(e) => set('unit', e.target.value as 'each' | 'kg')}>
            <option value="each">{t.each}</option>
            <option value="kg">{t.kg}</option>
          </select>
        </label>
        <label className="field">
          {t.department}
          <input value={draft.department} onChange={(e) => set('department', e.target.value)} />
        </label>
        <label className="field">
          {t.plu}
          <input value={draft.plu} inputMode="numeric" onChange={(e) => set('plu', e.target.value)} />
        </label>
        <label className="field">
          {t.netContent}
          <input value={draft.netContent} onChange={(e) => set('netContent', e.target.value)} />
        </label>
        <label className="catalog-check catalog-wide">
          <input type="checkbox" checked={draft.grid} onChange={(e) => set('grid', e.target.checked)} />
          {t.grid}
        </label>
        <fieldset className="catalog-names catalog-wide">
          <legend>{t.namesTitle}</legend>
          {draft.names.map(([tag, name], index) => (
            <div className="catalog-name-row" key={index}>
              <label className="field">
                {t.language}
                <input value={tag} onChange={(e) => setName(index, 0, e.target.value)} placeholder="zh-CN" />
              </label>
              <label className="field">
                {t.languageName}
                <input value={name} onChange={(e) => setName(index, 1, e.target.value)} />
              </label>
              <button
                type="button"
                className="button-quiet"
                aria-label={`${t.remove} ${tag}`}
                onClick={() =>
                  set(
                    'names',
                    draft.names.filter((_, i) => i !== index),
                  )
                }
              >
                {t.remove}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button-quiet"
            onClick={() => set('names', [...draft.names, ['', '']])}
          >
            {t.addLanguage}
          </button>
        </fieldset>
        <div className="catalog-wide catalog-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </form>
      {outcome && 'ok' in outcome ? <Notice tone="ok">{outcome.ok}</Notice> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
    </Panel>
  );
}
