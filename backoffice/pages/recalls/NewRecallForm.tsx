// Making a recall: the GTIN, the lots and serials if only some packs are recalled, and why.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { productLabel, type RecallView } from './shared';
import { recallTexts } from './texts';

/** Lots or serials as typed: one per line or comma-separated, blanks dropped. */
function valuesOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

export function NewRecallForm({ onCreated }: { onCreated(recall: RecallView): void }) {
  const t = useTexts(recallTexts);
  const [gtin, setGtin] = useState('');
  const [lots, setLots] = useState('');
  const [serials, setSerials] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<RecallView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const { recall } = await api.post<{ recall: RecallView }>('/admin/v1/recalls', {
        gtin: gtin.trim(),
        lots: valuesOf(lots),
        serials: valuesOf(serials),
        reason: reason.trim(),
      });
      setMade(recall);
      setGtin('');
      setLots('');
      setSerials('');
      setReason('');
      onCreated(recall);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t.newRecall}>
      <form className="recall-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          {t.gtin}
          <input
            value={gtin}
            onChange={(e) => setGtin(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            required
            aria-describedby="recall-gtin-hint"
          />
          <span id="recall-gtin-hint" className="recall-hint">
            {t.gtinHint}
          </span>
        </label>
        <label className="field">
          {t.reason}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            aria-describedby="recall-reason-hint"
          />
          <span id="recall-reason-hint" className="recall-hint">
            {t.reasonHint}
          </span>
        </label>
        <label className="field">
          {t.lots}
          <textarea
            value={lots}
            onChange={(e) => setLots(e.target.value)}
            rows={3}
            aria-describedby="recall-values-hint"
          />
        </label>
        <label className="field">
          {t.serials}
          <textarea
            value={serials}
            onChange={(e) => setSerials(e.target.value)}
            rows={3}
            aria-describedby="recall-values-hint"
          />
        </label>
        <p id="recall-values-hint" className="recall-hint recall-wide">
          {t.valuesHint}
        </p>
        <div className="recall-wide">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t.creating : t.create}
          </button>
        </div>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {made ? <Notice tone="ok">{fill(t.created, { product: productLabel(t, made) })}</Notice> : null}
    </Panel>
  );
}
