// What comes back: HQ's answer to a batch of events (one result per event), the catalog pages a
// terminal pulls, the catalog stream's messages, and the enrolment and token exchanges. HQ builds
// them (server/), the terminal checks them before it believes them (services/sync/protocol.ts).
import type { Product } from '../types';

/** HQ's answer for one event of a batch, in the batch's order. */
export type EventResult =
  | { id: string; status: 'applied' | 'duplicate' }
  /** Refused for good: the terminal files it as a dead letter; `id` is null when the event had none. */
  | { id: string | null; status: 'rejected'; code: string; reason: string };

export type EventStatus = EventResult['status'];

/** A product this batch left below zero: flagged for the store to count, never refused. */
export interface StockWarning {
  code: 'negative_stock';
  gtin: string;
  /** Pieces, or grams for kg. */
  onHand: number;
}

/** A warning about a batch; a terminal shows one whose code it does not know as sent. */
export type BatchWarning = StockWarning | { code: string; [field: string]: unknown };

/** The reply to POST /v1/events. */
export interface BatchReply {
  results: EventResult[];
  /** HQ's clock when the batch arrived. */
  receivedAt: string;
  /** HQ's receive time minus the terminal's clock (sentAt, else its newest event), in ms. */
  clockSkewMs: number | null;
  /** Products of this batch whose stock is now below zero, and any other warning HQ adds. */
  warnings: BatchWarning[];
}

/** A product in the catalog feed, priced for the device's store. */
export interface CatalogProduct extends Product {
  version: number;
  deleted: false;
  /** ISO 4217: a terminal refuses a price in another currency than its store's. */
  currency: string;
}

/** A product HQ deleted. */
export interface CatalogTombstone {
  gtin: string;
  version: number;
  deleted: true;
}

export type CatalogItem = CatalogProduct | CatalogTombstone;

/** The reply to GET /v1/catalog?after=CURSOR&limit=N: the store's changes after the cursor. */
export interface CatalogPage<Item = CatalogItem> {
  items: Item[];
  /** Pass as `after` for the next page; when there is nothing new, the same cursor again. */
  nextCursor: string;
  /** Whether the page was full, so more may follow at once. */
  more: boolean;
  /** The newest committed catalog version when the page was read. */
  catalogVersion: number;
}

/** GET /v1/stream's Server-Sent Events: `catalog` carries this; `token-expired` ends the stream. */
export interface CatalogAnnouncement {
  version: number;
}

export type StreamEventName = 'catalog' | 'token-expired';

/** The body of POST /v1/enrol. */
export interface EnrolRequest {
  code: string;
  terminalName?: string;
}

/** The reply to POST /v1/enrol: the device's identity, its secret shown this once. */
export interface EnrolReply {
  deviceId: string;
  secret: string;
  storeCode: string;
  /** The store key the store's terminals sign their LAN requests with; absent from an older HQ. */
  storeKey?: string;
}

/** The body of POST /v1/token. */
export interface TokenRequest {
  deviceId: string;
  secret: string;
}

/** The reply to POST /v1/token. */
export interface TokenReply {
  token: string;
  expiresAt: string;
  storeCode: string;
}

/** A terminal's role, as it tells HQ on POST /v1/link. */
export type LinkRole = 'kiosk' | 'counter' | 'attendant';

/** The body of POST /v1/link: what a device says about itself on each sync. */
export interface LinkRequest {
  /** settings.json's terminalId: its receipts' and its lane's id. */
  terminalId: string;
  role: LinkRole;
}

/** One self-checkout lane of the store as HQ knows it (a kiosk that has synced). */
export interface StoreLane {
  terminalId: string;
  /** The name it was enrolled with, or null. */
  name: string | null;
}

/** The reply to POST /v1/link: the store key (and, during a rotation, the one before) and the lanes. */
export interface LinkReply {
  storeCode: string;
  storeKey: string;
  /** The key before a rotation, still accepted until HQ stops sending it; null otherwise. */
  previousStoreKey: string | null;
  lanes: StoreLane[];
  /**
   * The store's name at HQ, which an enrolled terminal shows and prints: null while HQ has none (a store
   * made by the CLI's enrolment code), absent from an older HQ; either way the terminal keeps its own.
   */
  storeName?: string | null;
}
