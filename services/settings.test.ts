import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, SettingsError } from './settings';

describe('terminal settings (DATA_DIR/settings.json)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-settings-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with the demo store defaults on first start', () => {
    expect(loadSettings(dir)).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps what store IT changed and fills keys a newer version added', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ storeName: 'Harbour Fresh', currency: 'EUR' }),
    );
    expect(loadSettings(dir)).toMatchObject({
      storeName: 'Harbour Fresh',
      currency: 'EUR',
      taxMode: 'inclusive',
    });
  });

  it('refuses bad settings naming each bad field', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ currency: 'yuan', taxMode: 'sometimes', colour: 'red' }),
    );
    expect(() => loadSettings(dir)).toThrow(SettingsError);
    expect(() => loadSettings(dir)).toThrow(/currency: .*ISO 4217.*taxMode.*colour/s);
  });

  it('takes only ISO 4217 currency codes, naming the field and the code to write instead', () => {
    const path = join(dir, 'settings.json');
    for (const currency of ['RMB', 'cny', 'YUAN', 'XYZ', '¥']) {
      writeFileSync(path, JSON.stringify({ currency }));
      expect(() => loadSettings(dir), currency).toThrow(
        `${path} has bad settings — currency: ${JSON.stringify(currency)} is not an ISO 4217 currency code: write it as ISO does, e.g. CNY (for RMB / yuan)`,
      );
    }
    for (const currency of ['CNY', 'EUR', 'JPY', 'KWD', 'UAH', 'ISK']) {
      // No scale-label scheme: the demo's fen prices cannot be counted in yen.
      writeFileSync(path, JSON.stringify({ currency, variableMeasure: null }));
      expect(loadSettings(dir).currency).toBe(currency);
    }
  });

  it('refuses a file that is not JSON, naming the file', () => {
    writeFileSync(join(dir, 'settings.json'), '{ storeName: ');
    expect(() => loadSettings(dir)).toThrow(/settings\.json is not valid JSON/);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it('keeps the last settings that loaded (0600) and names that copy when an edit breaks the file', () => {
    const path = join(dir, 'settings.json');
    const good = JSON.stringify({ storeName: 'Harbour Fresh' }, null, 2) + '\n';
    writeFileSync(path, good);
    loadSettings(dir);
    const copy = join(dir, 'settings.last-good.json');
    expect(readFileSync(copy, 'utf8')).toBe(good);
    expect(statSync(copy).mode & 0o777).toBe(0o600);

    // Store IT's edit leaves a dangling comma on line 3.
    writeFileSync(path, '{\n  "storeName": "Harbour Fresh",\n  "currency": "EUR",\n}\n');
    expect(() => loadSettings(dir)).toThrow(
      `${path} is not valid JSON at line 4, column 1; the last good settings are in ${copy} — copy it back`,
    );
    // The broken file did not replace the good copy, and copying it back is the way out.
    expect(readFileSync(copy, 'utf8')).toBe(good);
    copyFileSync(copy, path);
    expect(loadSettings(dir).storeName).toBe('Harbour Fresh');
  });

  it('names the last good copy for settings that parse but are refused too', () => {
    loadSettings(dir);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ taxMode: 'sometimes' }));
    expect(() => loadSettings(dir)).toThrow(
      /taxMode: .*the last good settings are in .*settings\.last-good\.json/,
    );
  });

  it('takes a scale-label preset or a rule table of the store, and refuses a bad one by name', () => {
    const write = (value: object) => writeFileSync(join(dir, 'settings.json'), JSON.stringify(value));
    write({ variableMeasure: 'se' });
    expect(loadSettings(dir).variableMeasure).toBe('se');
    const own = {
      id: 'harbour',
      name: 'Harbour Fresh scales',
      rules: [
        {
          prefixes: ['23'],
          itemDigits: 4,
          measure: 'weight',
          valueDigits: 6,
          decimals: 3,
          priceCheckDigit: false,
        },
      ],
    };
    write({ variableMeasure: own });
    expect(loadSettings(dir).variableMeasure).toEqual(own);
    write({ variableMeasure: 'atlantis' });
    expect(() => loadSettings(dir)).toThrow(/variableMeasure/);
    write({ variableMeasure: { ...own, rules: [{ ...own.rules[0], valueDigits: 9 }] } });
    expect(() => loadSettings(dir)).toThrow(/variableMeasure: .*13/);
  });

  it('refuses a code pattern that is not a regular expression, naming it', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        codePatterns: { wallet: [{ provider: 'acme', pattern: '9[0-9' }], member: [], staff: [] },
      }),
    );
    expect(() => loadSettings(dir)).toThrow(/codePatterns: .*"9\[0-9".*not a valid regular expression/);
  });
});
