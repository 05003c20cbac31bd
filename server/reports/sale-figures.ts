// What a sale adds to the report rollups beyond its totals: what each sold line was paid (for the
// department report) and how it was paid (for the tender report). Pure: read from the sale's payload as
// the terminal sent it, by the same rules as the SQL that rolls up stored sales (rebuild.ts and
// migration 0022), so a rebuild gives the figures ingest gave.
export interface SaleFigures {
  /** Each sold line's GTIN-14 and what was paid for it. */
  lines: { gtin: string; amount: number }[];
  /** How the sale was paid, by tender kind. */
  tenders: { kind: string; amount: number }[];
}

const MAX_DIGITS = 999_999_999_999_999;

/** A whole number of minor units the database will take, or null (the SQL's `^-?[0-9]{1,15}$`). */
function minor(value: unknown): number | null {
  return Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_DIGITS ? (value as number) : null;
}

/**
 * Each sold line's GTIN-14 and amount: its `paid`, else its receipt line's `paid`, else that receipt
 * line's `lineTotal`, else 0 (receipts written before issue 12 have no `paid`). Tenders: the payload's
 * well-formed `tenders`; a sale without a tenders list counts its total as one tender of kind `other`.
 */
export function saleFigures(
  payload: Record<string, unknown>,
  sold: readonly { gtin: string }[],
  total: number,
): SaleFigures {
  const raw = Array.isArray(payload.lines) ? (payload.lines as unknown[]) : [];
  const receipt = (payload.receipt as { lines?: unknown } | undefined)?.lines;
  const receiptLines = Array.isArray(receipt) ? (receipt as unknown[]) : [];
  const lines = sold.map((line, i) => {
    const own = (raw[i] ?? {}) as { paid?: unknown };
    const printed = (receiptLines[i] ?? {}) as { paid?: unknown; lineTotal?: unknown };
    const amount = minor(own.paid) ?? minor(printed.paid) ?? minor(printed.lineTotal) ?? 0;
    return { gtin: line.gtin, amount };
  });
  if (!Array.isArray(payload.tenders)) return { lines, tenders: [{ kind: 'other', amount: total }] };
  const tenders = (payload.tenders as unknown[]).flatMap((t) => {
    const { kind, amount } = (t ?? {}) as { kind?: unknown; amount?: unknown };
    const money = minor(amount);
    return typeof kind === 'string' && money !== null ? [{ kind: kind.slice(0, 32), amount: money }] : [];
  });
  return { lines, tenders };
}
