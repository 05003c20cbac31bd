// Suspend next to the counter's tenders, on real parts (a real SQLite file, the payment simulator over
// HTTP, the tender flow as a terminal builds it): money on a sale never goes aside with it.
import { describe, expect, it } from 'vitest';
import { PRODUCTS, value } from '../../test/helpers/checkout';
import { openTenderLane, useTenderLanes } from '../../test/helpers/tender-lane';
import { sessionView } from '../checkout/basket-handlers';
import { suspendHandlers } from './suspend';

const sim = useTenderLanes();

/** A counter ringing up milk (12.90), its tender flow and its suspend handlers. */
async function counterWithMilk() {
  const lane = openTenderLane(sim.url);
  sim.lanes.push(lane);
  value(await lane.checkout.basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' }));
  const tools = suspendHandlers(lane.checkout.ctx, () => sessionView(lane.checkout.ctx, []));
  return { tenders: lane.tenders.handlers, tools };
}

describe('suspend while the sale is being tendered', () => {
  it('refuses payment_in_progress while cash stands on the sale, and suspends once it is handed back', async () => {
    const { tenders, tools } = await counterWithMilk();
    value(await tenders['tender.cash']({ handed: 500 }));
    const refused = await tools['sale.suspend']({ label: 'blue coat' });
    expect(refused.ok ? null : refused.error.code).toBe('payment_in_progress');
    expect(value(await tools['sale.suspended']({})).sales).toEqual([]);
    expect(value(await tenders['tender.state']({})).tenders).toHaveLength(1);
    value(await tenders['tender.remove']({ position: 1 }));
    value(await tools['sale.suspend']({ label: 'blue coat' }));
    expect(value(await tools['sale.suspended']({})).sales).toEqual([
      expect.objectContaining({ label: 'blue coat', lines: 1 }),
    ]);
  });

  it('refuses payment_in_progress while a QR tender is in flight, with nothing put aside', async () => {
    const { tenders, tools } = await counterWithMilk();
    expect(value(await tenders['tender.qr']({})).payment).not.toBeNull();
    const refused = await tools['sale.suspend']({});
    expect(refused.ok ? null : refused.error.code).toBe('payment_in_progress');
    expect(value(await tools['sale.suspended']({})).sales).toEqual([]);
  });
});
