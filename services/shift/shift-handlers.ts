// The shift's TerminalApi handlers, and the counter's drawer and Z-report printing wired to the
// receipt printer. The Z report prints after its close has committed: a printer problem costs the paper
// copy (`printed: false`, reprint with `shift.zReport` + the CLI), never the close.
import { fail, ok } from '../../core/result';
import type { ApiResult, TerminalApi } from '../api/contract';
import type { ZReportView } from '../api/shift-contract';
import type { CheckoutContext } from '../checkout/context';
import { encodeBlocks, cellsFor } from '../receipts/escpos';
import { DEFAULT_DRAWER_SETTINGS, type PrinterSettings } from '../receipts/printer-settings';
import { createPrinterDrawer, type PrinterDrawer } from './printer-drawer';
import { reportLayout } from './report-layout';
import { createShiftService, type ShiftService } from './shift-service';
import { lastZNumber, zReportByNumber } from './z-report';

export type ShiftHandlers = Pick<
  TerminalApi,
  | 'shift.current'
  | 'shift.open'
  | 'shift.payIn'
  | 'shift.payOut'
  | 'shift.noSale'
  | 'shift.xReport'
  | 'shift.close'
  | 'shift.zReport'
  | 'drawer.status'
>;

type Send = (bytes: Uint8Array, what: string) => Promise<ApiResult<null>>;

export interface CounterShift {
  handlers: ShiftHandlers;
  service: ShiftService;
  /** The printer's bytes (its status replies), for the drawer. */
  onPrinterData(chunk: Buffer): void;
  close(): void;
}

/**
 * The shift at this counter. With a printer, `ctx.drawer` becomes the printer's drawer (kicked by the
 * ESC/POS pulse through `send`) and each Z report prints; without one, cash is counted and nothing opens.
 */
export function startCounterShift(
  ctx: CheckoutContext,
  printer: PrinterSettings | null,
  send: Send,
): CounterShift {
  const drawer: PrinterDrawer | null = printer
    ? createPrinterDrawer({ settings: printer.drawer ?? DEFAULT_DRAWER_SETTINGS, send, events: ctx.events })
    : null;
  if (drawer) ctx.drawer = drawer;
  const service = createShiftService(ctx);

  const printZ = async (z: ZReportView): Promise<ZReportView> => {
    if (!printer) return z;
    const blocks = reportLayout(
      { kind: 'Z', z },
      { columns: printer.columns, cells: cellsFor(printer.encoding), storeName: ctx.settings.storeName },
    );
    const sent = await send(encodeBlocks(blocks, printer), `Z report ${z.number}`);
    return { ...z, printed: sent.ok };
  };

  const handlers: ShiftHandlers = {
    'shift.current': async () => service.state(),
    'shift.open': async ({ counts }) => service.open(counts),
    'shift.payIn': async ({ amount, reason }) => service.payIn(amount, reason),
    'shift.payOut': async ({ amount, reason }) => service.payOut(amount, reason),
    'shift.noSale': async ({ reason }) => service.noSale(reason),
    'shift.xReport': async () => service.xReport(),
    'shift.close': async ({ counts, approval }) => {
      const closed = service.close(counts, approval);
      return closed.ok ? ok(await printZ(closed.value)) : closed;
    },
    'shift.zReport': async ({ number }) => {
      const n = number ?? lastZNumber(ctx.db, ctx.settings.terminalId);
      const z = n > 0 ? zReportByNumber(ctx.db, ctx.settings.terminalId, n) : null;
      return z ? ok(z) : fail('z_report_not_found', `This terminal has no Z report ${n > 0 ? n : 'yet'}`);
    },
    'drawer.status': async () => {
      drawer?.refresh();
      return ok(drawer ? drawer.status() : { state: 'unknown', lastReason: null });
    },
  };
  return {
    handlers,
    service,
    onPrinterData: (chunk) => drawer?.onData(chunk),
    close: () => drawer?.close(),
  };
}
