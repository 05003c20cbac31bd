import { describe, expect, it } from 'vitest';
import { checkSettings, DEFAULT_SETTINGS } from '../settings';

const load = (restrictions: unknown) => checkSettings({ restrictions }, '/data/settings.json');

describe('settings.restrictions', () => {
  it('defaults for a settings.json written before it: no rules, approvals cover later items, system zone', () => {
    const { restrictions: _ignored, ...older } = DEFAULT_SETTINGS;
    expect(checkSettings(older, '/data/settings.json').restrictions).toEqual({
      ageApprovalCovers: 'later_items',
      timeZone: null,
      rules: [],
    });
  });

  it('takes a store’s rules and fills what it left out', () => {
    const rules = [
      { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }] },
      { gtin: '06901234567892', maxPerBasket: 2 },
    ];
    expect(load({ rules, timeZone: 'Asia/Shanghai' }).restrictions).toEqual({
      ageApprovalCovers: 'later_items',
      timeZone: 'Asia/Shanghai',
      rules,
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /restrictions\.timeZone.*not an IANA time zone/],
    [{ ageApprovalCovers: 'always' }, /restrictions\.ageApprovalCovers/],
    [
      { rules: [{ department: 'Alcohol', noSale: [{ from: '22:00', to: '24:00' }] }] },
      /restrictions\.rules\.0\.noSale\.0\.to/,
    ],
    [{ rules: [{ department: 'Alcohol' }] }, /restrictions\.rules\.0.*noSale.*maxPerBasket/],
    [{ rules: [{ gtin: '123', maxPerBasket: 2 }] }, /restrictions\.rules\.0.*14 digits/],
    [{ rules: [{ department: 'Pharmacy', maxPerBasket: 0 }] }, /restrictions\.rules\.0\.maxPerBasket/],
    [{ rules: [], extra: 1 }, /restrictions/],
  ])('refuses %j, naming the field', (restrictions, problem) => {
    expect(() => load(restrictions)).toThrow(problem);
  });
});
