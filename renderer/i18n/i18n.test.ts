import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('kiosk text', () => {
  it('has a refusal text in every language for every refusal code', () => {
    expect(Object.keys(zhCN.scanErrors).sort()).toEqual(Object.keys(en.scanErrors).sort());
    for (const code of [
      'item_expired',
      'item_recalled',
      'duplicate_serial',
      'label_unreadable',
      'payment_code',
    ])
      expect(en.scanErrors[code], code).toBeTruthy();
  });

  it('has a text in every language for every scan notice', () => {
    expect(Object.keys(zhCN.scanNotices).sort()).toEqual(Object.keys(en.scanNotices).sort());
  });

  it('tells the shopper about paying with their own code, in both languages', () => {
    expect(en.orScanYourCode).toBe('or scan your payment code');
    expect(zhCN.orScanYourCode).toBe('你也可以扫描付款码');
    expect(en.confirmOnPhone).toBe('Confirm the payment on your phone');
    expect(zhCN.confirmOnPhone).toBe('请在手机上确认付款');
    expect(en.scanErrors.payment_code).toMatch(/scan your items first/i);
  });

  it('says training mode plainly, in both languages', () => {
    expect(en.training).toBe('Training — payments are simulated');
    expect(zhCN.training).toBe('培训模式 — 支付为模拟');
    expect(zhCN.trainingReceipt).toMatch(/培训/);
  });

  it('has the attendant’s dialog in both languages, every refusal it names too', () => {
    expect(Object.keys(zhCN.staff.errors).sort()).toEqual(Object.keys(en.staff.errors).sort());
    expect(en.staff.title).toBe('Mark as paid?');
    expect(zhCN.staff.title).toBe('标记为已付款？');
    expect(en.staff.errors.staff_denied).toMatch(/wrong PIN/i);
    expect(zhCN.staff.reasons.phone).toBe('顾客手机显示已付款');
  });
});
