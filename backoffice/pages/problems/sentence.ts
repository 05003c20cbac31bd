// A dead letter said as a sentence in the reader's language, from the facts HQ sends
// (server/problems/view.ts): what it was, from which terminal, and why it was refused, naming the
// products. "Sale S001-K01-000123 from K01 (Lane 1) was refused: product 06901234567892 … ".
import type { DeadLetterView } from '../../../server/problems/view';
import { fill } from '../../i18n';
import type { ProblemTexts } from './texts';

const REASONS = [
  'quantity_out_of_range',
  'unknown_product',
  'receipt_number_taken',
  'sale_already_recorded',
  'refund_already_recorded',
  'store_mismatch',
  'sale_lines_without_gtin',
  'unknown_type',
] as const;

export function subjectOf(d: DeadLetterView, t: ProblemTexts): string {
  const ref = d.reference;
  const pick = (withRef: string, without: string) => (ref ? fill(withRef, { ref }) : without);
  switch (d.type) {
    case 'sale.completed':
      return pick(t.sale, t.saleNoRef);
    case 'refund.completed':
      return pick(t.refund, t.refundNoRef);
    case 'stock.received':
      return pick(t.receivedRef, t.receivedNoRef);
    case 'stock.adjusted':
      return t.adjusted;
    case 'stock.counted':
      return t.counted;
    case 'stock.transferred':
      return pick(t.transferred, t.transferredNoRef);
    case null:
      return t.unknownEvent;
    default:
      return fill(t.other, { type: d.type });
  }
}

export function productsOf(d: Pick<DeadLetterView, 'products'>, t: ProblemTexts): string {
  return d.products
    .map((p) =>
      p.name ? fill(t.productOf, { gtin: p.gtin, name: p.name }) : fill(t.productBare, { gtin: p.gtin }),
    )
    .join(', ');
}

/** Why it was refused: in the reader's words when HQ's code is one we know, else HQ's own reason. */
export function reasonOf(d: Pick<DeadLetterView, 'code' | 'reason' | 'products'>, t: ProblemTexts): string {
  const known = REASONS.find((r) => r === d.code);
  const products = productsOf(d, t);
  if (!known || (known.includes('product') && !products) || (known === 'quantity_out_of_range' && !products))
    return d.reason;
  return fill(t[known], { products });
}

export function deadLetterSentence(d: DeadLetterView, t: ProblemTexts): string {
  const device = d.deviceName ?? d.deviceId.slice(0, 8);
  const from = d.terminalId ? fill(t.terminalDevice, { terminal: d.terminalId, device }) : device;
  return fill(d.staffId ? t.sentenceStaff : t.sentence, {
    subject: subjectOf(d, t),
    from,
    staff: d.staffId ?? '',
    reason: reasonOf(d, t),
  });
}
