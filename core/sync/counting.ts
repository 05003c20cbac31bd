// Stock on hand and counts on the wire (issue 13): the stock levels HQ sends down (GET /v1/stock with a
// change marker), the count session's line as `stock.counted` carries it, and the count reviews HQ
// keeps when two devices counted the same item in the same location.
import type { CountedLine, CountSessionFacts } from './events';

/** One product's on hand at HQ, with the change marker it was last changed under. */
export interface StockLevelChange {
  gtin: string;
  onHand: number;
  /** HQ's per-store change number: rows come in (version, gtin) order after the cursor asked for. */
  version: number;
}

/** A page of GET /v1/stock?since=CURSOR. */
export interface StockLevelPage {
  ok: true;
  items: StockLevelChange[];
  /** Pass back as `since`; unchanged when nothing changed. */
  nextCursor: string;
  /** True when the page ended HQ's changes (fewer than asked). */
  complete: boolean;
  /** The cursor is past HQ's newest change (HQ was restored from an older backup): start again from ''. */
  behind?: true;
}

/** A `stock.counted` event of a count session: one line, with where, when, by whom. */
export interface SessionCountPayload extends CountSessionFacts {
  lines: (CountedLine & Required<Pick<CountedLine, 'location' | 'countedAt' | 'lineId'>>)[];
}

/** Two devices counted one item in one location of a session: HQ holds the item until a reviewer picks. */
export interface CountReview {
  id: string;
  sessionId: string;
  gtin: string;
  location: string;
  state: 'open' | 'accepted';
  /** Each device's count there, and when it last counted. */
  counts: { deviceId: string; counted: number; countedAt: string }[];
  /** The device whose count was accepted, once decided. */
  acceptedDevice: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A stock change marker: `version:gtin`, '' for the beginning. */
export function stockCursor(version: number, gtin: string): string {
  return `${version}:${gtin}`;
}

/** The parts of a change marker, or null when it is not one. */
export function parseStockCursor(cursor: string): { version: number; gtin: string } | null {
  if (cursor === '') return { version: 0, gtin: '' };
  const m = /^(\d{1,15}):(\d{14})$/.exec(cursor);
  return m ? { version: Number(m[1]), gtin: m[2]! } : null;
}
