import { describe, expect, it } from 'vitest';
import type { ProduceItemView } from '../../services/api/contract';
import { searchProduce } from './produce-search';

const item = (name: string, zh: string | null, plu: string | null): ProduceItemView => ({
  gtin: `0${name.length}`,
  barcode: '',
  name,
  names: zh ? { 'zh-CN': zh } : null,
  plu,
  price: 690,
  unit: 'kg',
});
const items = [
  item('Bananas', '香蕉', '4011'),
  item('Fuji Apples', '富士苹果', '4131'),
  item('Piña', null, null),
];
const names = (found: ProduceItemView[]) => found.map((i) => i.name);

describe('searchProduce', () => {
  it('finds by the name in the shopper’s language and by the catalog’s own name', () => {
    expect(names(searchProduce(items, '香蕉', 'zh-CN'))).toEqual(['Bananas']);
    expect(names(searchProduce(items, '苹果', 'zh-CN'))).toEqual(['Fuji Apples']);
    expect(names(searchProduce(items, 'banana', 'zh-CN'))).toEqual(['Bananas']);
    expect(names(searchProduce(items, ' APPLE ', 'en'))).toEqual(['Fuji Apples']);
  });

  it('ignores accents and full-width letters, and finds by the start of a PLU', () => {
    expect(names(searchProduce(items, 'pina', 'en'))).toEqual(['Piña']);
    expect(names(searchProduce(items, 'ＢＡＮ', 'en'))).toEqual(['Bananas']);
    expect(names(searchProduce(items, '4', 'en'))).toEqual(['Bananas', 'Fuji Apples']);
    expect(names(searchProduce(items, '40', 'en'))).toEqual(['Bananas']);
    expect(names(searchProduce(items, '4131', 'en'))).toEqual(['Fuji Apples']);
    expect(names(searchProduce(items, '', 'en'))).toHaveLength(3);
    expect(searchProduce(items, 'durian', 'en')).toEqual([]);
  });
});
