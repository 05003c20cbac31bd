// A counter's Z report as a closed shift sends it to HQ (`shift.closed`), for tests that talk to HQ
// without a terminal: one shift of 1 March 2026 opened at 09:00 Shanghai time, one sale of 80.00.
import { wireEvent } from '../../core/sync';

export interface ZReportOptions {
  terminalId?: string;
  /** The Z number; the shift id is made from it. */
  number: number;
  closedAt: string;
  refunds?: number;
  expectedCash: number;
  /** Counted less expected cash. */
  difference?: number;
}

export function zReportEvent(options: ZReportOptions) {
  const { terminalId = 'C01', number, closedAt, refunds = 0, expectedCash, difference = 0 } = options;
  return wireEvent(
    'shift.closed',
    {
      shift: {
        currency: 'CNY',
        openedAt: '2026-03-01T01:00:00.000Z',
        openedBy: terminalId,
        closedAt,
        closedBy: terminalId,
      },
      approvedBy: 'S01',
      zReport: {
        terminalId,
        number,
        shiftId: `shift-${number}`,
        figures: {
          openingFloat: 20_000,
          sales: { count: 1, total: 8000 },
          tenders: { cash: 3000, merchant_qr: 0, wallet_code: 5000 },
          refunds: { total: refunds },
          expectedCash,
          count: { counted: expectedCash + difference, difference },
        },
      },
    },
    new Date(closedAt),
  );
}
