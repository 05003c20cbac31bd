import { describe, expect, it } from 'vitest';
import { checkGtin } from '../barcode/gtin';
import { DEMO_NAMES_ZH, DEMO_PLUS } from './demo-names-zh';
import { DEMO_STORE, demoBarcodes, demoProducts } from './demo-store';

const products = demoProducts();

describe('demoProducts', () => {
  it('has at least 500 products, each with a unique GTIN and name', () => {
    expect(products.length).toBeGreaterThanOrEqual(500);
    expect(new Set(products.map((p) => p.gtin)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
  });

  it('gives every product a valid barcode whose GTIN-14 is its key', () => {
    for (const product of products) {
      const checked = checkGtin(product.barcode);
      expect(checked, product.barcode).toMatchObject({ ok: true, gtin14: product.gtin });
    }
  });

  it('uses mostly Chinese EAN-13s, with some EAN-8 and UPC-A', () => {
    const kinds = products.map((p) => checkGtin(p.barcode)).map((c) => (c.ok ? c.kind : 'bad'));
    const chinese = products.filter((p) => /^69\d{11}$/.test(p.barcode)).length;
    expect(chinese / products.length).toBeGreaterThan(0.9);
    expect(kinds).toContain('EAN-8');
    expect(kinds).toContain('UPC-A');
  });

  it('spans the departments of a supermarket', () => {
    const departments = new Set(products.map((p) => p.department));
    for (const department of [
      'Produce',
      'Bakery',
      'Dairy & Eggs',
      'Meat & Fish',
      'Frozen',
      'Pantry',
      'Snacks',
      'Drinks',
      'Alcohol',
      'Household',
      'Personal Care',
      'Baby',
    ]) {
      expect(departments).toContain(department);
    }
  });

  it('sells fruit, vegetables, meat and cheese by weight', () => {
    const byWeight = products.filter((p) => p.unit === 'kg');
    expect(byWeight.length).toBeGreaterThan(20);
    expect(new Set(byWeight.map((p) => p.department))).toEqual(
      new Set(['Produce', 'Deli Counter', 'Meat & Fish', 'Dairy & Eggs']),
    );
    expect(byWeight.some((p) => /Cheese/.test(p.name))).toBe(true);
  });

  it('restricts alcohol, and only alcohol, to 18+', () => {
    const restricted = products.filter((p) => p.ageLimit !== null);
    expect(restricted.length).toBeGreaterThan(10);
    expect(restricted.every((p) => p.department === 'Alcohol' && p.ageLimit === 18)).toBe(true);
    expect(products.filter((p) => p.department === 'Alcohol').every((p) => p.ageLimit === 18)).toBe(true);
  });

  it('prices in whole fen with China VAT rates: 9 % on basic foods, 13 % on the rest', () => {
    for (const product of products) {
      expect(Number.isSafeInteger(product.price) && product.price > 0, product.name).toBe(true);
      expect([900, 1300]).toContain(product.taxRateBp);
    }
    const rate = (name: string) => products.find((p) => p.name === name)?.taxRateBp;
    expect(rate('Jasmine Rice 5 kg')).toBe(900);
    expect(rate('Whole Milk 1 L')).toBe(900);
    expect(rate('Bananas')).toBe(900);
    expect(rate('Lager 330 ml can')).toBe(1300);
    expect(DEMO_STORE.currency).toBe('CNY');
  });

  it('is deterministic and hands out copies', () => {
    const again = demoProducts();
    expect(again).toEqual(products);
    again[0]!.price = 1;
    expect(demoProducts()[0]!.price).toBe(products[0]!.price);
  });

  it('demoBarcodes(n) gives the first n products as printed', () => {
    expect(demoBarcodes(3)).toEqual(products.slice(0, 3).map((p) => p.barcode));
  });
});

describe('the demo deli counter', () => {
  it('keys weighed and priced counter items the way the store scale prints their labels', () => {
    const counter = products.filter((p) => p.department === 'Deli Counter');
    const weighed = counter.filter((p) => p.unit === 'kg');
    const priced = counter.filter((p) => p.unit === 'each');
    expect(weighed.length).toBeGreaterThanOrEqual(5);
    expect(priced.length).toBeGreaterThanOrEqual(3);
    for (const p of weighed) expect(p.barcode).toMatch(/^22\d{5}00000\d$/);
    for (const p of priced) expect(p.barcode).toMatch(/^20\d{5}00000\d$/);
  });
});

describe('the demo store in Chinese, and its produce grid', () => {
  it('names its common products in Chinese, every name in the table matching a product', () => {
    const named = products.filter((p) => p.names?.['zh-CN']);
    expect(named.length).toBeGreaterThanOrEqual(200);
    expect(new Set(named.map((p) => p.names!['zh-CN'])).size).toBe(named.length);
    const bases = new Set(products.map((p) => p.name));
    for (const english of Object.keys(DEMO_NAMES_ZH))
      expect(
        [...bases].some((name) => name === english || name.startsWith(`${english} `)),
        english,
      ).toBe(true);
    const find = (name: string) => products.find((p) => p.name === name);
    expect(find('Bananas')?.names).toEqual({ 'zh-CN': '香蕉' });
    expect(find('Portuguese Egg Tarts 4-pack')?.names).toEqual({ 'zh-CN': '葡式蛋挞 4个装' });
    expect(find('Lager 330 ml can')?.names).toEqual({ 'zh-CN': '啤酒 330 ml 罐装' });
  });

  it('puts a couple of dozen loose fruit and vegetables with their IFPS PLUs in the grid', () => {
    const grid = products.filter((p) => p.grid);
    expect(grid.length).toBe(Object.keys(DEMO_PLUS).length);
    expect(grid.length).toBeGreaterThanOrEqual(12);
    expect(grid.every((p) => p.department === 'Produce' && /^[34]\d{3}$/.test(p.plu ?? ''))).toBe(true);
    expect(new Set(grid.map((p) => p.plu)).size).toBe(grid.length);
    expect(products.find((p) => p.plu === '4011')).toMatchObject({ name: 'Bananas', unit: 'kg' });
    expect(products.find((p) => p.plu === '4053')).toMatchObject({ name: 'Lemon', unit: 'each' });
  });
});
