// A recall refusal names the item and says what to do, in English and 简体中文, for shopper and cashier.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { cashierRefusal } from './cashier-words';
import { recallText } from './recall-text';

const recalled = (details: Record<string, unknown>) => ({
  code: 'item_recalled',
  message: 'log words',
  details,
});
const checkLot = {
  code: 'recall_check_lot',
  message: 'log words',
  details: { name: 'Milk', reason: 'glass', lots: ['L1', 'L2'], serials: [] },
};

describe('recall refusals in the reader’s words', () => {
  it('sends the shopper to staff and tells the cashier to put the pack aside, naming the lot', () => {
    expect(recallText(en, recalled({ name: 'Milk', reason: 'glass' }), 'shopper')).toBe(
      'Milk has been recalled and can’t be sold — please hand it to a member of staff',
    );
    expect(cashierRefusal(en, recalled({ name: 'Milk', reason: 'glass', lot: 'L1' }))).toBe(
      'Recalled: Milk, lot L1 (glass) — do not sell; put it aside for the manager',
    );
    expect(cashierRefusal(zhCN, recalled({ name: '牛奶', reason: '玻璃', serial: 'S9' }))).toBe(
      '召回：牛奶，序列号 S9（玻璃）— 不可销售，请交给经理',
    );
  });

  it('asks for a look at the pack when the code named no lot: Help at the kiosk, the lots at the counter', () => {
    expect(recallText(en, checkLot, 'shopper')).toMatch(/an attendant is on the way/);
    expect(cashierRefusal(en, checkLot)).toMatch(
      /^Recall on Milk: lot L1, lot L2\. Read the lot on the pack/,
    );
    expect(cashierRefusal(zhCN, checkLot)).toMatch(/^Milk有召回：批号 L1, 批号 L2。请核对包装上的批号/);
  });

  it('leaves other refusals, and a recall without details, to the usual words', () => {
    expect(recallText(en, { code: 'item_expired', message: 'x' }, 'cashier')).toBeNull();
    expect(recallText(en, { code: 'item_recalled', message: 'x' }, 'shopper')).toBeNull();
  });
});
