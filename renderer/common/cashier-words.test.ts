// The counter's refusals are the cashier's words, in English and 简体中文: every refusal a cashier meets
// has its own text (not the shopper's "please ask for help"), and the payment notes say what to do.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { cashierPaymentNotice, cashierRefusal } from './cashier-words';

/** What a cashier meets at the counter: scans, the ID check, payment, sign-in and staff refusals. */
const COUNTER_REFUSALS = [
  'item_not_found',
  'invalid_code',
  'garbled_scan',
  'payment_code',
  'payment_in_progress',
  'basket_empty',
  'item_expired',
  'item_recalled',
  'duplicate_serial',
  'label_unreadable',
  'age_check_needed',
  'not_signed_in',
  'staff_unknown',
  'staff_denied',
  'staff_locked',
  'staff_not_allowed',
  'counter_locked',
  'already_signed_in',
  'approver_signed_in',
];
const refusal = (code: string) => ({ code, message: 'backend words for the log' });

describe('the counter’s refusals in the cashier’s words', () => {
  it('has its own text for each, in both languages, never the shopper’s and never the backend’s', () => {
    for (const t of [en, zhCN])
      for (const code of COUNTER_REFUSALS) {
        const text = cashierRefusal(t, refusal(code));
        expect(text, code).not.toBe(t.counter.refusalOther);
        expect(text, code).not.toBe(t.scanErrors[code]);
        expect(text, code).not.toContain('backend words');
      }
  });

  it('tells the cashier what to do about an unknown product, not the shopper to ask for help', () => {
    expect(cashierRefusal(en, refusal('item_not_found'))).toBe(
      'Not in the catalog — check the code, or ask for a price check',
    );
    expect(en.scanErrors.item_not_found).toMatch(/please ask for help/);
    expect(cashierRefusal(zhCN, refusal('item_not_found'))).toBe('商品库中没有此商品 — 请核对条码或请求查价');
    expect(cashierRefusal(en, refusal('not_signed_in'))).toBe('Signed out — sign in with your badge and PIN');
    expect(cashierRefusal(zhCN, refusal('staff_denied'))).toBe('PIN 码错误 — 请重新输入');
  });

  it('a restriction keeps its details; an unknown code falls back to the cashier’s general line', () => {
    const hours = {
      code: 'restricted_hours',
      message: '',
      details: { name: 'Lager', from: '22:00', to: '07:00' },
    };
    expect(cashierRefusal(en, hours)).toBe('Lager: no sale 22:00–07:00');
    expect(cashierRefusal(en, refusal('something_new'))).toBe('Not done — try again, or call a supervisor');
    expect(cashierRefusal(zhCN, refusal('something_new'))).toBe(zhCN.counter.refusalOther);
  });

  it('payment notes: declined says nothing was charged and what next, in both languages', () => {
    expect(cashierPaymentNotice(en, { kind: 'declined' })).toBe(
      'Payment declined — nothing charged. Ask for another way to pay.',
    );
    expect(cashierPaymentNotice(en, { kind: 'declined' })).not.toBe(en.paymentDeclined);
    expect(cashierPaymentNotice(zhCN, { kind: 'expired' })).toBe(zhCN.counter.payExpired);
    expect(cashierPaymentNotice(en, { kind: 'failed', message: 'timeout' })).toMatch(/\(timeout\).*F12/);
  });

  it('English and 简体中文 name the same refusals', () => {
    expect(Object.keys(zhCN.counter.refusals).sort()).toEqual(Object.keys(en.counter.refusals).sort());
  });
});
