/**
 * The counter's own tools as the screens see them: suspended sales, product lookup (F3) and a kiosk
 * basket handed over by code. services/counter-tools makes them; the renderer imports this file with
 * `import type` only.
 */

/** A sale put aside at the counter, waiting to be resumed or voided. */
export interface SuspendedSaleView {
  id: string;
  /** The cashier's label, or the time it was put aside. */
  label: string;
  staffId: string | null;
  suspendedAt: string;
  currency: string;
  lines: number;
  /** Pieces (a weighed line counts once). */
  items: number;
  /** Minor units. */
  total: number;
}

export interface SuspendedListView {
  sales: SuspendedSaleView[];
}

/** A product the lookup found; the counter adds it by its barcode, as if scanned. */
export interface FoundProductView {
  gtin: string;
  barcode: string;
  name: string;
  names: Readonly<Record<string, string>> | null;
  plu: string | null;
  /** Minor units, per kilogram for `kg`. */
  price: number;
  unit: 'each' | 'kg';
}

export interface CatalogSearchView {
  query: string;
  currency: string;
  items: FoundProductView[];
}

/** A kiosk's basket offered to the counter: the number the shopper reads out and the QR the cashier scans. */
export interface HandoverOfferView {
  /** Six digits. */
  code: string;
  /** This kiosk's terminal id, shown beside the number. */
  laneId: string;
  /** What the QR holds: `OLH:<lane>:<code>`, read at the counter like any scan. */
  qr: string;
}
