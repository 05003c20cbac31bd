// A basket and its lines as the rest of the terminal sees them. Apart from db/baskets.ts so that the
// modules it uses (rows, voids) can name them without importing it back.
import type { LocalizedNames } from '../core/catalog/language-tag';
import type { BasketStatus, Unit } from '../core/types';

export interface BasketRecord {
  id: string;
  status: BasketStatus;
  currency: string;
  createdAt: string;
  updatedAt: string;
  lastChangedLineId: string | null;
  /** The loyalty member whose code was scanned into this basket, if any. */
  member: { program: string; memberId: string } | null;
  /** The language the shopper chose (BCP 47), or null while they have not. */
  language: string | null;
}

/** What a line copies from the catalog at scan time. */
export interface ScannedItem {
  /** GTIN-14. */
  gtin: string;
  barcode: string;
  name: string;
  unit: Unit;
  /** Minor units per piece, or per kilogram for `kg`. */
  unitPrice: number;
  taxRateBp: number;
  ageLimit: number | null;
  /** From a GS1 code: the batch/lot (AI 10), the item's own serial (AI 21), its expiry (AI 17, ISO date). */
  lot?: string | null;
  serial?: string | null;
  expiry?: string | null;
  /** The item's names in other languages (catalog `name_<tag>`), copied like its name. */
  names?: LocalizedNames | null;
}

export interface BasketLineRecord extends ScannedItem {
  id: string;
  basketId: string;
  /** Scan order, from 1. */
  position: number;
  /** A count for `each`, grams for `kg`. */
  quantity: number;
  addedAt: string;
  updatedAt: string;
  removedAt: string | null;
}
