import { describe, expect, it } from 'vitest';
import { REFUND_REASONS } from '../../../core/sync/refunds';
import { cashierRefundRefusal } from '../../common/cashier-words';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';

/** The refusals the refund handlers answer with (services/refund) and the counter must put in words. */
const CODES = [
  'refunds_unavailable',
  'sale_not_found',
  'refund_exceeds_sale',
  'hq_unreachable',
  'not_signed_in',
  'invalid_refund',
  'invalid_input',
  'shift_not_open',
  'approval_needed',
  'refund_unavailable',
  'invalid_receipt',
  'refund_exceeds_tenders',
  'refund_in_progress',
  'nothing_to_refund',
];

describe('Returns in the cashier’s words', () => {
  it('has every refusal, reason and tender state in English and Chinese', () => {
    expect(Object.keys(zhCN.refund.errors).sort()).toEqual(Object.keys(en.refund.errors).sort());
    for (const t of [en, zhCN]) {
      for (const reason of REFUND_REASONS) expect(t.refund.reasons[reason], reason).toBeTruthy();
      for (const code of CODES) {
        const words = cashierRefundRefusal(t, { code, message: 'backend words' });
        expect(words, code).not.toBe(t.counter.refusalOther);
        expect(words, code).not.toContain('backend words');
      }
    }
  });

  it('says why a supervisor approves, plainly', () => {
    expect(en.refund.approvalNeeded.offline).toBe('HQ can’t be reached: a supervisor approves this refund.');
    expect(zhCN.refund.approvalNeeded.offline).toMatch(/总部.*主管/);
    expect(en.refund.giveCash('¥8.50')).toBe('Give the customer ¥8.50');
    expect(zhCN.refund.giveCash('¥8.50')).toBe('请给顾客 ¥8.50');
  });

  it('falls back to the counter’s own words, then to “not done”, for a code it does not know', () => {
    expect(cashierRefundRefusal(en, { code: 'staff_denied', message: '' })).toBe(
      en.counter.refusals.staff_denied,
    );
    expect(cashierRefundRefusal(en, { code: 'no_such_code', message: '' })).toBe(en.counter.refusalOther);
  });
});
