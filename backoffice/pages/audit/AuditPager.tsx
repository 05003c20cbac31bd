// Paging the audit log: newer and older by the cursors HQ gave with the page shown, back to the newest,
// and how many entries a page holds. The page number is counted here, for the reader's bearings only.
import { fill, useTexts } from '../../i18n';
import { SelectField } from '../../ui/Field';
import { auditTexts } from './texts';

export const PAGE_SIZES = [25, 100, 500] as const;

/** The page to read: its number, and the cursor it starts from (neither for the newest). */
export interface Cursor {
  page: number;
  older?: string;
  newer?: string;
}

export function AuditPager({
  page,
  size,
  older,
  newer,
  busy,
  onSize,
  onPage,
}: {
  page: number;
  size: number;
  older: string | null;
  newer: string | null;
  busy: boolean;
  onSize(size: number): void;
  onPage(cursor: Cursor): void;
}) {
  const t = useTexts(auditTexts);
  return (
    <nav className="audit-pager" aria-label={t.pages}>
      <button
        type="button"
        className="button-quiet"
        disabled={busy || page === 1}
        onClick={() => onPage({ page: 1 })}
      >
        {t.newestPage}
      </button>
      <button
        type="button"
        className="button-quiet"
        disabled={busy || newer === null}
        onClick={() => newer && onPage({ page: Math.max(1, page - 1), newer })}
      >
        {t.newer}
      </button>
      <span className="audit-page" data-testid="audit-page" aria-live="polite">
        {fill(t.page, { n: page })}
      </span>
      <button
        type="button"
        className="button-quiet"
        disabled={busy || older === null}
        onClick={() => older && onPage({ page: page + 1, older })}
      >
        {t.older}
      </button>
      <SelectField
        label={t.perPage}
        className="audit-size"
        value={String(size)}
        onChange={(value) => onSize(Number(value))}
      >
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
    </nav>
  );
}
