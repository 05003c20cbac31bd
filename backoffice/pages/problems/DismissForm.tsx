// Dismissing a dead letter: it is kept, marked with who and why, so the reason is asked for.
import { useState, type FormEvent } from 'react';
import type { DeadLetterView } from '../../../server/problems/view';
import { api } from '../../api/client';
import { useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { problemTexts } from './texts';

export function DismissForm({
  letter,
  sentence,
  onDone,
}: {
  letter: DeadLetterView;
  sentence: string;
  onDone(): void;
}) {
  const t = useTexts(problemTexts);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post(`/admin/v1/dead-letters/${letter.id}/dismiss`, { reason });
      onDone();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Panel title={t.dismissTitle}>
      <p className="stock-sentence">{sentence}</p>
      <form onSubmit={(e) => void submit(e)} className="form-row">
        <label className="field" htmlFor="dismiss-reason">
          {t.why}
          <input
            id="dismiss-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            size={48}
            autoFocus
          />
        </label>
        <button type="submit" className="button-danger">
          {t.confirmDismiss}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t.cancel}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </Panel>
  );
}
