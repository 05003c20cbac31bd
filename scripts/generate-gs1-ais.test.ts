import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { OUTPUT_PATH, generate, generateFromRepository, parseDictionary } from './generate-gs1-ais.mjs';

describe('the generated GS1 AI table', () => {
  it('is exactly what the script makes from the dictionary kept in the repository', () => {
    // If this fails, the dictionary or the script changed: run `npm run generate:gs1` and commit.
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(generateFromRepository());
  });

  it('reads flags, ranges, optional components, linters and every kind of attribute', () => {
    const text = [
      '# a comment line',
      '3100-3101  *?  N6                 req=01,02 ex=310n        # NET WEIGHT (kg)',
      '8003        ?  N1,zero N13,csum [X..16]  dlpkey              # GRAI',
      '250         ?  X..30              req=01+21,03+21          # SECONDARY SERIAL',
      '414        *?  N13,csum           dlpkey=254|7040          # LOC No.',
      '8110        ?  X..70,couponcode',
    ].join('\n');
    const entries = parseDictionary(text);
    expect(entries.map((e: { ai: string }) => e.ai)).toEqual(['3100', '3101', '8003', '250', '414', '8110']);
    expect(entries[0]).toMatchObject({
      fnc1: false,
      dlAttribute: true,
      ex: ['310n'],
      req: [[['01'], ['02']]],
    });
    expect(entries[2].components).toEqual([
      { charset: 'N', min: 1, max: 1, optional: false, linters: ['zero'] },
      { charset: 'N', min: 13, max: 13, optional: false, linters: ['csum'] },
      { charset: 'X', min: 1, max: 16, optional: true, linters: [] },
    ]);
    expect(entries[2]).toMatchObject({ fnc1: true, dlpkey: [[]] });
    expect(entries[3].req).toEqual([
      [
        ['01', '21'],
        ['03', '21'],
      ],
    ]);
    expect(entries[4].dlpkey).toEqual([['254'], ['7040']]);
    expect(entries[5]).toMatchObject({ title: '', ex: [], req: [], dlpkey: null });
  });

  it('refuses a line it cannot read rather than guessing', () => {
    expect(() => parseDictionary('01  *?  Q14')).toThrow(/line 1: no format specification/);
    expect(() => parseDictionary('01  *?  N14  sometimes=yes')).toThrow(/unknown attribute "sometimes=yes"/);
    expect(() => parseDictionary('3105-3100 N6')).toThrow(/bad AI range/);
    expect(() => generate('01 N14', 'no commit here')).toThrow(/names no 40-digit commit/);
  });
});
