import { describe, expect, it } from 'vitest';
import { parseNetContent, unitPriceOfContent } from './net-content';

const parse = (text: string) => {
  const problems: string[] = [];
  return { content: parseNetContent(text, problems), problems };
};

describe('parseNetContent', () => {
  it('reads grams and millilitres, converting kg, l and cl', () => {
    expect(parse('500 g').content).toEqual({ amount: 500, unit: 'g' });
    expect(parse('2 kg').content).toEqual({ amount: 2000, unit: 'g' });
    expect(parse('1.5 l').content).toEqual({ amount: 1500, unit: 'ml' });
    expect(parse('750ml').content).toEqual({ amount: 750, unit: 'ml' });
    expect(parse('33 cl').content).toEqual({ amount: 330, unit: 'ml' });
    expect(parse('0.125 KG').content).toEqual({ amount: 125, unit: 'g' });
    expect(parse('1.5 L').content).toEqual({ amount: 1500, unit: 'ml' });
  });

  it('adds up a multipack', () => {
    expect(parse('6 x 330 ml').content).toEqual({ amount: 1980, unit: 'ml' });
    expect(parse('4×125g').content).toEqual({ amount: 500, unit: 'g' });
  });

  it('is nothing for an empty cell', () => {
    expect(parse('')).toEqual({ content: null, problems: [] });
  });

  it('names every bad value and why', () => {
    expect(parse('500').problems).toEqual([
      'net_content "500" is not an amount with g, kg, ml, cl or l, like 500 g, 1.5 l or 6 x 330 ml',
    ]);
    expect(parse('12 oz').problems[0]).toMatch(/^net_content "12 oz" is not an amount with g, kg/);
    expect(parse('-5 g').problems[0]).toMatch(/is not an amount/);
    expect(parse('1,5 l').problems[0]).toMatch(/is not an amount/);
    expect(parse('2 constructor').problems[0]).toMatch(/is not an amount/);
    expect(parse('0.0005 l').problems).toEqual([
      'net_content "0.0005 l" is not an amount with g, kg, ml, cl or l, like 500 g, 1.5 l or 6 x 330 ml',
    ]);
    expect(parse('1.0005 kg').problems[0]).toMatch(/is not an amount/);
    expect(parse('0.5 ml').problems).toEqual(['net_content "0.5 ml" is not a whole number of millilitres']);
    expect(parse('0 ml').problems).toEqual(['net_content "0 ml" is zero']);
    expect(parse('0 x 330 ml').problems).toEqual(['net_content "0 x 330 ml" is zero']);
    expect(parse('12.5 g').problems).toEqual(['net_content "12.5 g" is not a whole number of grams']);
    expect(parse('1001 kg').problems).toEqual(['net_content "1001 kg" is more than 1000 kg']);
    expect(parse('1.5 l').problems).toEqual([]);
  });
});

describe('unitPriceOfContent', () => {
  it('is the price per kg of grams and per litre of millilitres', () => {
    expect(unitPriceOfContent(425, { amount: 250, unit: 'g' })).toEqual({ amount: 1700, per: 'kg' });
    expect(unitPriceOfContent(1290, { amount: 1000, unit: 'ml' })).toEqual({ amount: 1290, per: 'l' });
    expect(unitPriceOfContent(599, { amount: 1500, unit: 'ml' })).toEqual({ amount: 399, per: 'l' });
  });

  it('rounds half up to the minor unit', () => {
    // 10 for 3 l is 3.33 per l → 3; 1 for 400 g is 2.5 per kg → 3 (the half goes up); 1 for 600 g is 1.67 → 2.
    expect(unitPriceOfContent(1, { amount: 3000, unit: 'ml' }).amount).toBe(0);
    expect(unitPriceOfContent(10, { amount: 3000, unit: 'ml' }).amount).toBe(3);
    expect(unitPriceOfContent(1, { amount: 400, unit: 'g' }).amount).toBe(3);
    expect(unitPriceOfContent(1, { amount: 600, unit: 'g' }).amount).toBe(2);
    expect(unitPriceOfContent(0, { amount: 500, unit: 'g' }).amount).toBe(0);
  });
});
