// The shelf labels of price changes (issue 13): which labels are waiting to be printed, and printing
// them. A label is "printed" once it reached the printer: the item, the price and the date it takes
// effect are recorded (db/price-changes.ts label_prints), and the queue leaves it out from then on.
import { shelfLabel, type ShelfLabel } from '../../core/labels/label';
import type { Product } from '../../core/types';
import { findNetContent, findProduct } from '../../db/catalog';
import type { Database } from '../../db/open';
import { itemsChangingBetween, labelPrinted, recordLabelPrints } from '../../db/price-changes';
import type { ApiResult, LabelView } from '../api/contract';
import { localDate } from '../checkout/basket-handlers';
import { fail } from '../checkout/result';
import { shelfPrice, unitPriceOf } from '../stock/shelf-price';
import type { LabelPrinter } from './printers';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Labels waiting: for each item whose price changes within the next day, the coming price; for an
 * item whose price changed within the last day, the price now in force. Either only until printed.
 */
export function labelQueue(db: Database, currency: string, now: Date): LabelView[] {
  const at = now.getTime();
  const labels: LabelView[] = [];
  for (const gtin of itemsChangingBetween(db, at - DAY_MS, at + DAY_MS)) {
    const product = findProduct(db, gtin);
    if (!product) continue; // deleted from the catalog since: nothing to label
    const shelf = shelfPrice(db, product, now);
    const candidates = [
      shelf.effectiveFrom && Date.parse(shelf.effectiveFrom) > at - DAY_MS
        ? { price: shelf.price, effectiveFrom: shelf.effectiveFrom }
        : null,
      shelf.next && Date.parse(shelf.next.effectiveFrom) <= at + DAY_MS ? shelf.next : null,
    ];
    for (const c of candidates) {
      if (c && !labelPrinted(db, gtin, c.price, Date.parse(c.effectiveFrom)))
        labels.push(labelView(db, product, currency, c, Date.parse(c.effectiveFrom) > at));
    }
  }
  return labels;
}

/**
 * Prints the items' labels (the price in force, or the coming one) and marks them printed. All or
 * nothing: an unknown item, an item with no coming price, or a printer that did not take the job
 * prints and marks nothing.
 */
export async function printLabels(
  db: Database,
  request: { gtins: readonly string[]; coming: boolean; currency: string; now: Date; staffId: string },
  printer: { kind: 'receipt' | 'label'; device: LabelPrinter },
): Promise<ApiResult<{ printed: number }>> {
  const views: LabelView[] = [];
  for (const gtin of new Set(request.gtins)) {
    const product = findProduct(db, gtin);
    if (!product) return fail('unknown_item', `No item ${gtin} in the catalog: nothing was printed`);
    const shelf = shelfPrice(db, product, request.now);
    if (request.coming && !shelf.next)
      return fail(
        'no_coming_price',
        `${product.name} (${gtin}) has no price change coming: nothing was printed`,
      );
    const dated = request.coming && shelf.next ? shelf.next : shelf;
    views.push(labelView(db, product, request.currency, dated, request.coming));
  }
  const printed = await printer.device.print(views.map(printedLabel));
  if (!printed.ok) return printed;
  recordLabelPrints(
    db,
    views.map((v) => ({
      gtin: v.gtin,
      price: v.price,
      effectiveAt: v.effectiveFrom === null ? null : Date.parse(v.effectiveFrom),
      printer: printer.kind,
      staffId: request.staffId,
    })),
    request.now,
  );
  return { ok: true, value: { printed: views.length } };
}

function labelView(
  db: Database,
  product: Product,
  currency: string,
  { price, effectiveFrom }: { price: number; effectiveFrom: string | null },
  coming: boolean,
): LabelView {
  return {
    gtin: product.gtin,
    name: product.name,
    price,
    unitPrice: unitPriceOf(product, price, findNetContent(db, product.gtin)),
    currency,
    effectiveFrom,
    coming,
  };
}

/** What the printer prints for a label: the barcode is the item's GTIN as its shelf code (GTIN-13 when it is one). */
function printedLabel(view: LabelView): ShelfLabel {
  return shelfLabel({
    name: view.name,
    barcode: view.gtin.startsWith('0') ? view.gtin.slice(1) : view.gtin,
    currency: view.currency,
    price: view.price,
    unitPrice: view.unitPrice,
    effectiveDate: view.effectiveFrom === null ? null : localDate(new Date(view.effectiveFrom)),
  });
}
