// The age check in the session state, and the restriction refusals in the shopper's and the cashier's words.
import { describe, expect, it } from 'vitest';
import type { AgeCheckOffer, BasketView, SessionView, TerminalEvent } from '../../services/api/contract';
import { messagesFor } from '../i18n';
import { restrictionText } from './restriction-text';
import { initialState, kioskReducer, type KioskAction, type KioskState } from './state';

const held: BasketView = {
  id: 'b1',
  status: 'open',
  currency: 'CNY',
  lines: [],
  totals: { total: 0, taxTotal: 0, subtotal: 0, byRate: [], itemCount: 0 },
  lastChangedLineId: null,
  ageCheck: { state: 'needed', ageLimit: 18 },
  member: null,
};
const offer: AgeCheckOffer = {
  badge: 'STAFF-A01X',
  attendantName: 'Li Na',
  basketId: 'b1',
  ageLimit: 18,
  lines: [{ lineId: 'l1', name: 'Vodka', ageLimit: 18 }],
};
const session = (basket: BasketView): SessionView => ({
  settings: {
    storeName: 'S',
    storeId: 'S1',
    terminalId: 'K1',
    currency: 'CNY',
    taxMode: 'inclusive',
    defaultLanguage: 'en',
    languages: ['en', 'zh-CN'],
    receiptIdleSeconds: 20,
    paymentTimeoutSeconds: 120,
    training: false,
  },
  basket,
  payment: null,
  receipt: null,
  scanners: [],
});
const event = (e: TerminalEvent): KioskAction => ({ type: 'event', event: e });
const run = (...actions: KioskAction[]): KioskState => actions.reduce(kioskReducer, initialState);

describe('the age check dialog', () => {
  it('opens for the held basket on screen, and the badge refusal shows no error', () => {
    const state = run({ type: 'session', session: session(held) }, event({ type: 'staff.ageCheck', offer }), {
      type: 'scanFailed',
      code: 'STAFF-A01X',
      source: 'serial',
      error: { code: 'staff_age_check', message: 'x' },
    });
    expect(state.ageCheckOffer).toEqual(offer);
    expect(state.scanError).toBeNull();
  });

  it('ignores an offer for another basket, and one for a basket already approved', () => {
    expect(
      run(
        { type: 'session', session: session(held) },
        event({ type: 'staff.ageCheck', offer: { ...offer, basketId: 'b9' } }),
      ).ageCheckOffer,
    ).toBeNull();
    const approved = { ...held, ageCheck: { state: 'approved' as const, ageLimit: 18 } };
    expect(
      run({ type: 'session', session: session(approved) }, event({ type: 'staff.ageCheck', offer }))
        .ageCheckOffer,
    ).toBeNull();
  });

  it('closes when the console decides meanwhile, and says so when the attendant refused', () => {
    const open = [
      { type: 'session', session: session(held) } as KioskAction,
      event({ type: 'staff.ageCheck', offer }),
    ];
    const decided = run(
      ...open,
      event({ type: 'basket.changed', basket: { ...held, ageCheck: { state: 'approved', ageLimit: 18 } } }),
    );
    expect(decided.ageCheckOffer).toBeNull();
    const refused = run(...open, { type: 'closeAgeCheck', refused: true });
    expect(refused.ageCheckOffer).toBeNull();
    expect(refused.notice).toEqual({ kind: 'ageRefused' });
  });

  it('turns Pay refused for the hold into its own calm notice', () => {
    const state = run(
      { type: 'session', session: session(held) },
      {
        type: 'paymentFailed',
        error: { code: 'age_check_needed', message: 'held' },
      },
    );
    expect(state.notice).toEqual({ kind: 'ageNeeded' });
  });
});

describe('a restriction refusal in words', () => {
  const hours = {
    code: 'restricted_hours',
    message: 'x',
    details: { name: 'Vodka', from: '22:00', to: '07:00' },
  };
  const most = { code: 'restricted_quantity', message: 'x', details: { name: 'Paracetamol', max: 2 } };
  it('is calm for the shopper and short for the cashier, in both languages', () => {
    const en = messagesFor('en');
    const zh = messagesFor('zh-CN');
    expect(restrictionText(en, hours, 'shopper')).toBe(
      'Vodka can’t be sold between 22:00 and 07:00, so it was not added',
    );
    expect(restrictionText(en, hours, 'cashier')).toBe('Vodka: no sale 22:00–07:00');
    expect(restrictionText(en, most, 'shopper')).toBe(
      'Paracetamol: you can buy up to 2 in one visit, so no more were added',
    );
    expect(restrictionText(en, most, 'cashier')).toBe('Paracetamol: limit 2 per sale');
    expect(restrictionText(zh, hours, 'shopper')).toContain('22:00 至 07:00');
    expect(restrictionText(zh, most, 'cashier')).toBe('Paracetamol：每单限 2 件');
  });
  it('is null for any other refusal, or one without its details', () => {
    expect(
      restrictionText(messagesFor('en'), { code: 'item_not_found', message: 'x' }, 'shopper'),
    ).toBeNull();
    expect(
      restrictionText(messagesFor('en'), { code: 'restricted_hours', message: 'x' }, 'shopper'),
    ).toBeNull();
  });
});
