/**
 * The demo store's catalog: a deterministic Chinese supermarket of 500+ generic grocery products,
 * generated from the product lines in ./demo-lines so a fresh terminal can sell at once.
 *
 * Tax follows China's VAT: 9 % for grains, edible oils, salt, fresh milk, eggs and unprocessed
 * agricultural products (fruit, vegetables, meat, fish — also when simply frozen); 13 % for
 * everything processed or non-food (bread, yogurt, cheese, snacks, drinks, alcohol, household…).
 * Barcodes are EAN-13 under GS1 China's 690–699 prefixes, with EAN-8 for small items and UPC-A for
 * imported ones. Prices are in fen; `kg` products are priced per kilogram.
 */
import { withCheckDigit } from '../barcode/gtin';
import type { Product, Unit } from '../types';
import { DEMO_LINES } from './demo-lines';
import { DEMO_NAMES_ZH, DEMO_PLUS, sizeInChinese } from './demo-names-zh';

export const DEMO_STORE = {
  storeName: 'OpenLane Demo Market',
  currency: 'CNY',
  locale: 'zh-CN',
  /** The rate for imported rows without one: China's standard VAT. */
  defaultTaxRateBp: 1300,
} as const;

interface Defaults {
  department: string;
  taxRateBp: number;
  unit: Unit;
  ageLimit: number | null;
  code: 'ean13' | 'ean8' | 'upca' | 'scale' | 'scaleprice';
}

let cache: readonly Product[] | undefined;

/** Every demo product, in a fixed order (a fresh copy each call, so callers may mutate it). */
export function demoProducts(): Product[] {
  cache ??= buildDemoProducts(DEMO_LINES);
  return cache.map((product) => ({ ...product }));
}

/** The barcodes of the first `count` demo products, as printed on the pack. */
export function demoBarcodes(count: number): string[] {
  return demoProducts()
    .slice(0, count)
    .map((product) => product.barcode);
}

/**
 * Expands the product-line text: `[Department] flags` starts a section; each line is
 * `Name {Variant,…} | size=fen | size=fen ; flags` (size may be empty, e.g. `=1290`);
 * flags are tax9, tax13, kg, each, age18, ean8, upca, scale (weighed at the counter: the scale prints
 * 22·item·weight labels) and scaleprice (pre-packed at the counter: 20·item·price labels).
 */
function buildDemoProducts(text: string): Product[] {
  const products: Product[] = [];
  let section: Defaults | undefined;
  let sectionIndex = -1;
  let indexInSection = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    const heading = /^\[(.+)\]\s*(.*)$/.exec(line);
    if (heading) {
      const base: Defaults = {
        department: heading[1]!,
        taxRateBp: 1300,
        unit: 'each',
        ageLimit: null,
        code: 'ean13',
      };
      section = applyFlags(base, heading[2]!);
      sectionIndex++;
      indexInSection = 0;
      continue;
    }
    if (!section) throw new Error(`demo product line before any [Department]: ${line}`);
    const [body = '', flags = ''] = line.split(';');
    const defaults = applyFlags(section, flags);
    const [namePart = '', ...variants] = body.split('|').map((part) => part.trim());
    for (const [choice, name] of expandBraces(namePart).entries()) {
      for (const variant of variants) {
        const [size = '', fen = ''] = variant.split('=').map((part) => part.trim());
        const barcode = demoBarcode(defaults.code, sectionIndex, indexInSection++);
        products.push({
          gtin: barcode.padStart(14, '0'),
          barcode,
          name: size ? `${name} ${size}` : name,
          price: varyPrice(Number(fen), choice),
          taxRateBp: defaults.taxRateBp,
          unit: defaults.unit,
          ageLimit: defaults.ageLimit,
          department: defaults.department,
          ...localExtras(name, size, defaults),
        });
      }
    }
  }
  return products;
}

/** The product's Chinese name, and its PLU for the produce grid when it is loose produce. */
function localExtras(name: string, size: string, defaults: Defaults): Partial<Product> {
  const zh = DEMO_NAMES_ZH[name];
  const plu = defaults.department === 'Produce' && !size ? DEMO_PLUS[name] : undefined;
  return {
    ...(zh ? { names: { 'zh-CN': size ? `${zh} ${sizeInChinese(size)}` : zh } } : {}),
    ...(plu ? { plu, grid: true } : {}),
  };
}

function applyFlags(defaults: Defaults, flags: string): Defaults {
  const result = { ...defaults };
  for (const flag of flags.split(/\s+/).filter(Boolean)) {
    if (flag === 'tax9') result.taxRateBp = 900;
    else if (flag === 'tax13') result.taxRateBp = 1300;
    else if (flag === 'kg' || flag === 'each') result.unit = flag;
    else if (flag === 'age18') result.ageLimit = 18;
    else if (['ean8', 'upca', 'ean13', 'scale', 'scaleprice'].includes(flag))
      result.code = flag as Defaults['code'];
    else throw new Error(`unknown demo product flag "${flag}"`);
  }
  return result;
}

/**
 * Choices of one line cost a little more or less than the first (within about ±15 %), as real
 * ranges do; prices end in .x0 fen, and from ¥10 on in .90. Integer arithmetic keeps them exact.
 */
function varyPrice(fen: number, choice: number): number {
  const percent = 100 + ((choice * 7) % 31) - 15 * Math.sign(choice);
  const varied = Math.round((fen * percent) / 1000) * 10;
  return varied >= 1000 ? Math.round(varied / 100) * 100 - 10 : Math.max(varied, 10);
}

/** "{Plain,Strawberry} Yogurt" → ["Plain Yogurt", "Strawberry Yogurt"]. */
function expandBraces(name: string): string[] {
  const match = /\{([^}]*)\}/.exec(name);
  if (!match) return [name];
  return match[1]!
    .split(',')
    .flatMap((choice) => expandBraces(name.replace(match[0], choice.trim()).replace(/\s+/g, ' ').trim()));
}

/**
 * A unique, valid barcode: EAN-13 69d·cccc·iiiii (d and the company code from the department),
 * EAN-8 69·dd·iii, or UPC-A 0·7dddd·0iiii for imports. Counter items are keyed as the store's scale
 * labels are read (settings `variableMeasure: "cn"`): 22·item·00000 weighed, 20·item·00000 priced.
 */
function demoBarcode(code: Defaults['code'], section: number, index: number): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  if (code === 'scale' || code === 'scaleprice')
    return withCheckDigit(`${code === 'scale' ? 22 : 20}${pad(section * 100 + index + 1, 5)}00000`);
  if (code === 'ean8') return withCheckDigit(`69${pad(section, 2)}${pad(index, 3)}`);
  if (code === 'upca') return withCheckDigit(`07${pad(section, 4)}0${pad(index, 4)}`);
  return withCheckDigit(`69${section % 10}${pad(1000 + section * 37, 4)}${pad(index, 5)}`);
}
