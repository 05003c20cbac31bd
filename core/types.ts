/** Domain types shared by every layer. Money is always an integer count of minor units. */
import type { NetContent } from './catalog/net-content';

/** How a product is sold: by the piece, or by weight with the price per kilogram. */
export type Unit = 'each' | 'kg';

/** A product as the terminal's catalog holds it. */
export interface Product {
  /** The GTIN-14 the product is found under (left-padded with zeros). */
  gtin: string;
  /** The barcode as printed (EAN-13, EAN-8, UPC-A…), kept for display. */
  barcode: string;
  name: string;
  /** Price in minor units: per piece for `each`, per kilogram for `kg`. */
  price: number;
  /** Tax rate in basis points: 1300 = 13 %. */
  taxRateBp: number;
  unit: Unit;
  /** Minimum age to buy, or null. */
  ageLimit: number | null;
  department: string | null;
  /** Names in other languages by BCP 47 tag (`zh-CN` → 香蕉); absent or null when there are none. */
  names?: Readonly<Record<string, string>> | null;
  /** The produce PLU number (IFPS: 4011 bananas, 94011 organic), for items sold without a barcode. */
  plu?: string | null;
  /** Shown in the kiosk's "Fruit & vegetables" grid, for loose produce without a barcode. */
  grid?: boolean;
  /** Net content of an item sold by the piece (500 g, 1.5 l), for its unit price; absent or null when unknown. */
  netContent?: NetContent | null;
  /**
   * HQ's no-sale hours for the product (issue 14): null or absent follows its department; [] sold at any
   * hour (core/restrictions/hq-rules.ts). Windows are core/restrictions' TimeWindow (HH:MM, local).
   */
  noSale?: readonly { from: string; to: string }[] | null;
  /** HQ's most per basket for the product; null or absent: none of its own. */
  maxPerBasket?: number | null;
}

/** Whether shelf prices already contain tax (most of the world) or tax is added at the till (US). */
export type TaxMode = 'inclusive' | 'exclusive';

/** A line to price: quantity is a count for `each`, grams for `kg`. */
export interface PricedLineInput {
  unit: Unit;
  unitPrice: number;
  quantity: number;
  taxRateBp: number;
}

/** Tax collected at one rate. net + tax = gross. */
export interface TaxBreakdown {
  taxRateBp: number;
  net: number;
  tax: number;
  gross: number;
}

export interface Totals {
  /** What the shopper pays. */
  total: number;
  /** Sum of tax across rates. */
  taxTotal: number;
  /** Sum of line totals as shown on the lines (before tax in exclusive mode). */
  subtotal: number;
  byRate: TaxBreakdown[];
  /** Pieces for `each` lines plus one per weighed line. */
  itemCount: number;
  /**
   * A whole-sale discount (counter): minor units taken off the subtotal, spread over the lines before
   * tax (core/pricing/adjustments.ts). Absent when there is none.
   */
  saleDiscount?: number;
  /** What the shopper saved against the catalog prices (overrides, line and sale discounts); absent when nothing. */
  savings?: number;
}

export type Language = 'en' | 'zh-CN';

export type PaymentStatus = 'created' | 'pending' | 'paid' | 'declined' | 'cancelled' | 'unknown';

/**
 * Who shows the code: the kiosk shows the provider's QR for the shopper's phone to scan
 * (`merchant_presented`), or the kiosk scans the payment code the shopper's wallet shows and the
 * provider charges it (`customer_presented`).
 */
export type PaymentMethod = 'merchant_presented' | 'customer_presented';

/** A basket is open until paying starts; paid once its sale is written; closed when the next one opens. */
export type BasketStatus = 'open' | 'paying' | 'paid' | 'closed';

/**
 * Which way the money goes: a `sale` payment takes it from the shopper, a `refund` gives it back. Both
 * go through the same lifecycle (core/payment/lifecycle.ts); a refund names the sale it returns.
 */
export type PaymentDirection = 'sale' | 'refund';

/**
 * How a part of a sale was paid: `cash` at a counter, `merchant_qr` (the kiosk's QR, a
 * merchant-presented payment) or `wallet_code` (the shopper's code, a customer-presented payment).
 * A sale carries one or more tenders that add up to its total (core/payment/tenders.ts).
 */
export type TenderKind = 'cash' | 'merchant_qr' | 'wallet_code';
