// The command as store IT runs it, called as a function (the `openlane` bin wires it in).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCatalogFile } from '../../services/catalog-import';
import type { ScanDiagnosis } from '../../services/scan-diagnosis';
import { openTerminalStore } from '../../services/store';
import { UsageError } from './args';
import { barcodeParseCommand } from './barcode-parse';

let out: string[];
let errors: string[];
beforeEach(() => {
  out = [];
  errors = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void errors.push(text));
});
afterEach(() => vi.restoreAllMocks());
const printed = () => JSON.parse(out.join('\n')) as ScanDiagnosis;

describe('openlane barcode parse', () => {
  it('prints the GS1 application identifiers of a DataMatrix typed with <GS>, and exits 0', async () => {
    expect(await barcodeParseCommand([']d2010950600013435217261231<GS>10ABC<GS>21SER-1'])).toBe(0);
    expect(printed().interpretation).toMatchObject({
      aim: ']d2',
      kind: 'gs1',
      fields: { gtin14: '09506000134352', expiry: '2026-12-31', lot: 'ABC', serial: 'SER-1' },
    });
    expect(printed().till).toBeUndefined();
  });

  it('refuses AIs that must not appear together, naming the rule, and exits 1', async () => {
    expect(await barcodeParseCommand(['(01)09506000134352(02)09506000134352'])).toBe(1);
    expect(printed().interpretation).toMatchObject({
      kind: 'unrecognised',
      reason: 'conflicting_ai',
      message: expect.stringContaining('AI (01) GTIN and AI (02) CONTENT must not appear together'),
    });
  });

  it('refuses a code with a wrong check digit with the reason, and exits 1', async () => {
    expect(await barcodeParseCommand(['4006381333932'])).toBe(1);
    expect(printed().interpretation).toMatchObject({ kind: 'unrecognised', reason: 'bad_check_digit' });
  });

  it('masks a wallet payment code', async () => {
    expect(await barcodeParseCommand(['134512345678907788'])).toBe(0);
    expect(out.join('\n')).not.toContain('134512345678907788');
    expect(printed().interpretation).toMatchObject({ kind: 'wallet', code: '1345****7788' });
  });

  it('asks for exactly one code', async () => {
    await expect(barcodeParseCommand([])).rejects.toThrow(UsageError);
    await expect(barcodeParseCommand(['1', '2'])).rejects.toThrow(/exactly one code/);
  });

  describe('with a terminal data directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'openlane-parse-'));
      const store = openTerminalStore(dir);
      writeFileSync(join(dir, 'products.csv'), 'barcode,name,price\n6901234567892,Jasmine Rice 5 kg,59.90\n');
      importCatalogFile(store.db, join(dir, 'products.csv'), { currency: 'CNY', defaultTaxRateBp: 900 });
      store.db.close();
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('says what that till would do: the product and the line it would add', async () => {
      expect(await barcodeParseCommand([']E06901234567892', '--data', dir])).toBe(0);
      expect(printed().till).toEqual({
        action: 'add',
        product: { gtin: '06901234567892', name: 'Jasmine Rice 5 kg', unit: 'each', price: 5990 },
        line: { unit: 'each', unitPrice: 5990, quantity: 1 },
      });
    });

    it('warns of a missing required AI but still adds the item, and exits 0', async () => {
      // AI (250), a secondary serial, needs the item's serial (21) beside it; the sale goes on.
      expect(await barcodeParseCommand([']d20106901234567892250SECOND-7', '--data', dir])).toBe(0);
      expect(printed().interpretation).toMatchObject({
        kind: 'gs1',
        warnings: [{ code: 'missing_required_ai', ai: '250' }],
      });
      expect(printed().till).toMatchObject({ action: 'add', product: { name: 'Jasmine Rice 5 kg' } });
      expect(errors).toEqual([
        expect.stringMatching(/^Warning: AI \(250\) SECONDARY SERIAL needs AI \(01\) \+ \(21\)/),
      ]);
    });

    it('exits 1 for a valid code the catalog does not hold', async () => {
      expect(await barcodeParseCommand(['4006381333931', '--data', dir])).toBe(1);
      expect(printed().till).toMatchObject({ action: 'refuse', code: 'item_not_found' });
    });
  });
});
