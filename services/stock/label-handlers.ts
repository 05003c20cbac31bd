// Shelf labels (issue 13): the queue of labels for price changes HQ sent, and printing them on the
// receipt printer (ESC/POS) or the label printer (ZPL). The logic is services/labels/label-queue.ts.
import type { CheckoutContext } from '../checkout/context';
import { fail } from '../checkout/result';
import { labelQueue, printLabels } from '../labels/label-queue';
import type { LabelPrinterKind } from '../api/contract';
import { signedIn, type StockApi } from './stock-api';

type Labels = Pick<StockApi, 'labels.queue' | 'labels.print'>;

const MISSING: Record<LabelPrinterKind, string> = {
  receipt: 'This terminal has no receipt printer (settings: printer): print on the label printer',
  label: 'This terminal has no label printer (settings: labelPrinter): print on the receipt printer',
};

export function labelHandlers(ctx: CheckoutContext): Labels {
  const guard = signedIn(ctx);
  const printers = () => (['receipt', 'label'] as const).filter((kind) => ctx.labelPrinters[kind]);
  return {
    'labels.queue': guard(async () => ({
      ok: true,
      value: { labels: labelQueue(ctx.db, ctx.settings.currency, ctx.clock()), printers: printers() },
    })),
    'labels.print': guard(async (input, staff) => {
      const device = ctx.labelPrinters[input.printer];
      if (!device) return fail('no_printer', MISSING[input.printer]);
      return printLabels(
        ctx.db,
        {
          gtins: input.gtins,
          coming: input.coming === true,
          currency: ctx.settings.currency,
          now: ctx.clock(),
          staffId: staff.id,
        },
        { kind: input.printer, device },
      );
    }),
  };
}
