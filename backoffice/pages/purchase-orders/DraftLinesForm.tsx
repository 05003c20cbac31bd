// Changing a draft PO's lines from its page: the lines as they are, to add to, remove from or change,
// saved whole. HQ refuses once the PO is sent (another tab may have sent it): its sentence is shown.
import { useState } from 'react';
import { api } from '../../api/client';
import { useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useSubmit } from '../../ui/useSubmit';
import { blankLine, LinesEditor, linesBody, type Line } from './LinesEditor';
import { poTexts } from './texts';

export function DraftLinesForm({
  store,
  number,
  current,
  onSaved,
  onCancel,
}: {
  store: string;
  number: string;
  current: readonly { gtin: string; expected: number }[];
  onSaved(): void;
  onCancel(): void;
}) {
  const t = useTexts(poTexts);
  const [lines, setLines] = useState<Line[]>(() =>
    current.length > 0 ? current.map((l) => blankLine(l.gtin, String(l.expected))) : [blankLine()],
  );
  const { submit, busy, error } = useSubmit(async () => {
    await api.put(
      `/admin/v1/purchase-orders/${encodeURIComponent(number)}/lines?store=${encodeURIComponent(store)}`,
      { lines: linesBody(lines) },
    );
    onSaved();
  });
  return (
    <Panel title={t.editTitle}>
      <form className="po-form" onSubmit={submit} data-testid="po-lines-form">
        <LinesEditor lines={lines} onChange={setLines} />
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-row">
          <button type="submit" className="button-primary" disabled={busy}>
            {t.saveLines}
          </button>
          <button type="button" className="button-quiet" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}
