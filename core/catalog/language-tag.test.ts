import { describe, expect, it } from 'vitest';
import { canonicalTag, localizedName } from './language-tag';

describe('canonicalTag', () => {
  it('accepts well-formed BCP 47 tags and gives them their canonical case', () => {
    expect(canonicalTag('zh-CN')).toBe('zh-CN');
    expect(canonicalTag('zh-cn')).toBe('zh-CN');
    expect(canonicalTag('ZH-HANT-tw')).toBe('zh-Hant-TW');
    expect(canonicalTag('sr-latn-rs')).toBe('sr-Latn-RS');
    expect(canonicalTag('en')).toBe('en');
    expect(canonicalTag('es-419')).toBe('es-419');
    expect(canonicalTag('de-CH-1996')).toBe('de-CH-1996');
    expect(canonicalTag('en-US-u-ca-gregory')).toBe('en-US-u-ca-gregory');
    expect(canonicalTag('x-store-ab')).toBe('x-store-ab');
  });

  it('refuses what is not a tag', () => {
    for (const bad of [
      '',
      'zh-CNN-x',
      'zh_CN',
      'zh-',
      '-zh',
      'e',
      'zh-CN-',
      '中文',
      'de-1996-1996',
      'en-a-bb-a-cc',
    ])
      expect(canonicalTag(bad), bad).toBeNull();
    // Well-formed (5–8 letters are reserved for registered languages), though no language has it yet.
    expect(canonicalTag('chinese')).toBe('chinese');
    expect(canonicalTag(`en-x-${'abcdefgh-'.repeat(4)}a`)).toBeNull(); // over 35 characters
  });
});

describe('localizedName', () => {
  const names = { 'zh-CN': '香蕉', 'zh-Hant': '香蕉（繁）', fr: 'Bananes' };

  it('takes the exact language, in any case', () => {
    expect(localizedName('Bananas', names, 'zh-CN')).toBe('香蕉');
    expect(localizedName('Bananas', names, 'zh-cn')).toBe('香蕉');
  });

  it('falls back one subtag at a time, then to the name', () => {
    expect(localizedName('Bananas', names, 'fr-CA')).toBe('Bananes');
    expect(localizedName('Bananas', names, 'zh-Hant-TW')).toBe('香蕉（繁）');
    expect(localizedName('Bananas', names, 'zh-SG')).toBe('Bananas');
    expect(localizedName('Bananas', names, 'en')).toBe('Bananas');
    expect(localizedName('Bananas', null, 'zh-CN')).toBe('Bananas');
  });
});
