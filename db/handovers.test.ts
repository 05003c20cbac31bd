import { describe, expect, it } from 'vitest';
import { PENCIL, basketWithPencils, refusalCode } from '../test/helpers/db-fixtures';
import { openTempDatabase, useTempDatabase } from '../test/helpers/temp-db';
import { addItem, basketLines, currentBasket, getBasket, openBasket } from './baskets';
import { attachMember } from './members';
import { claimHandover, liveOffer, offerHandover, receiveHandover, withdrawHandover } from './handovers';
import { journalEntries } from './journal';
import { pendingEvents } from './outbox';

const kiosk = useTempDatabase();

describe('kiosk basket handovers', () => {
  it('offers one six-digit code per basket, and the same one while it waits', () => {
    const basket = basketWithPencils(kiosk.db, 2).basket;
    const offer = offerHandover(kiosk.db, basket.id);
    expect(offer.code).toMatch(/^\d{6}$/);
    expect(offerHandover(kiosk.db, basket.id)).toEqual(offer);
    withdrawHandover(kiosk.db, basket.id);
    expect(liveOffer(kiosk.db, basket.id)).toBeNull();
    expect(refusalCode(() => claimHandover(kiosk.db, offer.code, 'C01'))).toBe('handover_not_found');
  });

  it('a claim closes the kiosk basket as handed over, voiding nothing, and the counter rings the lines up once', () => {
    const counter = openTempDatabase();
    try {
      const basket = basketWithPencils(kiosk.db, 3).basket;
      addItem(
        kiosk.db,
        basket.id,
        { ...PENCIL, gtin: '02000000000008', barcode: '2000000000008', name: 'Apples', unit: 'kg' },
        420,
      );
      attachMember(kiosk.db, basket.id, { program: 'club', memberId: 'M7' });
      const offer = offerHandover(kiosk.db, basket.id);
      const handed = claimHandover(kiosk.db, offer.code, 'C01');
      expect(getBasket(kiosk.db, basket.id)?.status).toBe('closed');
      expect(currentBasket(kiosk.db)).toBeNull();
      expect(journalEntries(kiosk.db).filter((e) => e.kind === 'void')).toEqual([]);
      expect(pendingEvents(kiosk.db, 100).map((e) => e.type)).toContain('handover.claimed');
      // A lost answer: the same counter asking again gets the same basket; another counter gets nothing.
      expect(claimHandover(kiosk.db, offer.code, 'C01')).toEqual(handed);
      expect(refusalCode(() => claimHandover(kiosk.db, offer.code, 'C02'))).toBe('handover_not_found');

      const sale = receiveHandover(
        counter.db,
        { ...handed, laneId: 'K01' },
        { staffId: 'C01', currency: 'EUR' },
      );
      expect(basketLines(counter.db, sale.id).map((l) => [l.name, l.quantity])).toEqual([
        ['Pencil', 3],
        ['Apples', 420],
      ]);
      expect(currentBasket(counter.db)?.id).toBe(sale.id);
      // The shopper's member card comes with the basket.
      expect(getBasket(counter.db, sale.id)?.member).toEqual({ program: 'club', memberId: 'M7' });
      expect(
        refusalCode(() =>
          receiveHandover(counter.db, { ...handed, laneId: 'K01' }, { staffId: 'C01', currency: 'EUR' }),
        ),
      ).toBe('handover_already_received');
      expect(basketLines(counter.db, sale.id)).toHaveLength(2);
    } finally {
      counter.cleanup();
    }
  });

  it('refuses to offer an empty basket, and a counter with a sale in progress takes nothing', () => {
    const counter = openTempDatabase();
    try {
      const empty = openBasket(kiosk.db, 'EUR');
      expect(refusalCode(() => offerHandover(kiosk.db, empty.id))).toBe('empty_basket');
      basketWithPencils(counter.db, 1);
      const handed = { handoverId: 'h1', currency: 'EUR', member: null, lines: [], laneId: 'K01' };
      expect(refusalCode(() => receiveHandover(counter.db, handed, { staffId: null, currency: 'EUR' }))).toBe(
        'sale_in_progress',
      );
      expect(counter.db.prepare('SELECT count(*) FROM handovers_received').pluck().get()).toBe(0);
    } finally {
      counter.cleanup();
    }
  });
});
