// Recalls (issue 14): HQ recalls a product — every pack of a GTIN, or listed lots (GS1 AI 10) and/or
// serials (AI 21) — and every lane refuses to sell what a recall covers. The shapes HQ sends down and
// the one rule both sides agree on: which recall, if any, covers a scanned item. Pure: no I/O.

/** A lot or serial as GS1 AI 10 / 21 allow it: 1 to 20 characters of GS1's character set 82. */
export const LOT_OR_SERIAL = /^[!"%-?A-Z_a-z]{1,20}$/;

/** At most this many lots, and as many serials, in one recall. */
export const MAX_RECALL_VALUES = 500;

/** One recall as HQ's feed (GET /v1/recalls) sends it; an ended recall comes again with active false. */
export interface RecallFeedItem {
  id: string;
  gtin: string;
  /** Empty lots and serials: every pack of the GTIN is recalled. */
  lots: string[];
  serials: string[];
  reason: string;
  active: boolean;
  createdAt: string;
  endedAt: string | null;
}

/** A page of the recall feed, in (version, id) order: nothing committed late is skipped. */
export interface RecallFeedPage {
  recalls: RecallFeedItem[];
  nextCursor: string;
  more: boolean;
}

/** The announcement on GET /v1/stream: `event: recall` with the newest recall version. */
export interface RecallAnnouncement {
  version: number;
}

/** The recall feed's cursor: '0', or `version:id` of the last recall received. */
export function parseRecallCursor(cursor: string): { version: number; id: string } | null {
  if (cursor === '0') return { version: 0, id: '' };
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(cursor);
  return match ? { version: Number(match[1]), id: match[2]! } : null;
}

/** The version part of a recall cursor (0 for '0' or anything unreadable). */
export function recallCursorVersion(cursor: string): number {
  return parseRecallCursor(cursor)?.version ?? 0;
}

/** An active recall as the lane checks it. */
export interface RecallRule {
  id: string;
  gtin: string;
  lots: readonly string[];
  serials: readonly string[];
  reason: string;
}

/**
 * How a recall covers a scanned item: `gtin` (every pack), `lot` or `serial` (the code carries a listed
 * one), or `unknown` — the recall lists lots or serials and the code does not say which this pack is (a
 * plain EAN, or a GS1 code without the lot or serial the recall lists), so someone must look at the pack.
 */
export type RecallMatch =
  | { kind: 'gtin'; recall: RecallRule }
  | { kind: 'lot' | 'serial'; recall: RecallRule; value: string }
  | { kind: 'unknown'; recall: RecallRule };

/** The item a scan names, with what its code says of its lot and serial. */
export interface ScannedPack {
  gtin: string;
  lot?: string | null;
  serial?: string | null;
}

/**
 * The recall that covers this pack, the most certain first: a whole-GTIN recall, then a listed serial,
 * then a listed lot, then one that may cover it (`unknown`); null when none does. A code that carries a
 * lot not listed (and, if the recall lists serials, a serial not listed) is not covered.
 */
export function matchRecall(recalls: readonly RecallRule[], pack: ScannedPack): RecallMatch | null {
  const mine = recalls.filter((r) => r.gtin === pack.gtin);
  const whole = mine.find((r) => r.lots.length === 0 && r.serials.length === 0);
  if (whole) return { kind: 'gtin', recall: whole };
  const bySerial = pack.serial ? mine.find((r) => r.serials.includes(pack.serial!)) : undefined;
  if (bySerial) return { kind: 'serial', recall: bySerial, value: pack.serial! };
  const byLot = pack.lot ? mine.find((r) => r.lots.includes(pack.lot!)) : undefined;
  if (byLot) return { kind: 'lot', recall: byLot, value: pack.lot! };
  const unsure = mine.find((r) => (r.lots.length > 0 && !pack.lot) || (r.serials.length > 0 && !pack.serial));
  return unsure ? { kind: 'unknown', recall: unsure } : null;
}

/** What a lane sends up (event `recall.blocked`) each time it refuses an item a recall covers. */
export interface RecallBlockedPayload {
  recallId: string;
  gtin: string;
  /** How the recall covered it; `unknown`: the code named no lot (or serial), and the pack was held. */
  match: RecallMatch['kind'];
  lot: string | null;
  serial: string | null;
  /** The code as scanned (never a payment code). */
  code: string;
  terminalId: string;
  role: string;
  /** The signed-in cashier at a counter; null at a kiosk. */
  staffId: string | null;
  /** The basket line, when the recall reached an item already in the basket (refused at payment). */
  lineId?: string;
}
