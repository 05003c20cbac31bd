// `openlane barcode decode` as store IT runs it, on ZXing's photographs (expected texts from the fixtures).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/zxing-blackbox', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const expected = (name: string) => readFileSync(fixture(name.replace(/\.png$/, '.txt')), 'utf8');

function decode(...files: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'barcode', 'decode', ...files], { encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n').filter(Boolean);
  return { status: run.status, stderr: run.stderr, results: lines.map((l) => JSON.parse(l)) };
}

describe('openlane barcode decode', () => {
  it('prints the text, format and AIM identifier of each file, one JSON line per file', () => {
    const { status, results } = decode(fixture('ean13-3/01.png'), fixture('qrcode-1/1.png'));
    expect(status).toBe(0);
    expect(results).toHaveLength(2);
    expect(results[0].barcodes[0]).toMatchObject({
      text: expected('ean13-3/01.png'),
      symbologyIdentifier: ']E0',
    });
    expect(results[1].barcodes[0]).toMatchObject({ text: expected('qrcode-1/1.png'), format: 'QRCode' });
  });

  it('reports a picture with no barcode as empty and exits 1', () => {
    const { status, results } = decode(fixture('falsepositives/01.png'));
    expect(results).toEqual([{ file: fixture('falsepositives/01.png'), ok: true, barcodes: [] }]);
    expect(status).toBe(1);
  });

  it('says clearly what is wrong with a file that is missing or not an image, and goes on', () => {
    const { status, results } = decode('/nonexistent/label.png', BIN, fixture('ean13-3/01.png'));
    expect(results.map((r) => r.error?.code)).toEqual(['file_not_found', 'unsupported_format', undefined]);
    expect(results[1].error.message).toBe(`${BIN} is not a PNG or JPEG image`);
    expect(results[2].barcodes).toHaveLength(1);
    expect(status).toBe(1);
  });

  it('asks for at least one image', () => {
    const run = spawnSync(process.execPath, [BIN, 'barcode', 'decode'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage: openlane barcode decode IMAGE/);
  });
});
