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
});
