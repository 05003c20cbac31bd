// Refunds as a terminal sends them (core/sync/refunds.ts's RefundPayload), for tests that talk to HQ
// without the terminal's refund service: a cash refund of the given lines, store S001, paid back in full.
import type { RefundPayload } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';

let lastNumber = 0;

/** A `refund.completed` payload: the lines' amounts paid back in cash; any field may be given. */
export function refundPayload(
  fields: Partial<RefundPayload> & Pick<RefundPayload, 'receiptNumber' | 'lines'>,
): RefundPayload {
  const total = fields.lines.reduce((sum, l) => sum + l.amount, 0);
  return {
    id: uuidv7(),
    refundNumber: `R-${++lastNumber}`,
    storeId: 'S001',
    terminalId: 'C02',
    staffId: 'S09',
    approvedBy: null,
    shiftId: null,
    currency: 'CNY',
    total,
    taxTotal: 0,
    cashRounding: 0,
    tenders: [{ kind: 'cash', amount: total, paymentId: null, reference: null }],
    refundedAt: new Date().toISOString(),
    offline: false,
    ...fields,
  };
}
