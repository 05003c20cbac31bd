// The wire format of effective-dated price changes (issue 13): GET /v1/prices pages the changes for the
// terminal's store (chain-wide and its own) after a cursor, in the order HQ committed them.

/** One price change: `price` in minor units of `currency`, in force from `effectiveAt` (ISO, UTC). */
export interface PriceChangeItem {
  /** HQ's id: a re-import of the same change is sent again under it, with its new price. */
  id: number;
  gtin: string;
  price: number;
  currency: string;
  effectiveAt: string;
  /** True for the store's own price, false for the chain's. */
  storeLevel: boolean;
  /** Cancelled at HQ before it took effect (back office, issue 14): the terminal forgets it. */
  cancelled?: boolean;
}

export interface PriceChangesPage {
  changes: PriceChangeItem[];
  /** `VERSION:ID` after the last change of this page; send it back as `after`. */
  nextCursor: string;
  more: boolean;
}

/** `0` or `VERSION:ID` → the pair; null when malformed. */
export function parsePriceCursor(text: string): { version: number; id: number } | null {
  if (text === '0') return { version: 0, id: 0 };
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(text);
  return match ? { version: Number(match[1]), id: Number(match[2]) } : null;
}
