// `openlane barcode decode` as store IT runs it, on ZXing's photographs (expected texts from the fixtures).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { picturePath as fixture, pictureText as expected } from '../helpers/fixtures';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

function decode(...files: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'barcode', 'decode', ...files], { encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n').filter(Boolean);
  return { status: run.status, stderr: run.stderr, results: lines.map((l) => JSON.parse(l)) };
}

describe('openlane barcode decode', () => {
  it('prints the text, format and AIM identifier of each file, one JSON line per file', () => {
    const { status, results } = decode(fixture('ean13-3/01'), fixture('qrcode-1/1'));
    expect(status).toBe(0);
    expect(results).toHaveLength(2);
    expect(results[0].barcodes[0]).toMatchObject({
      text: expected('ean13-3/01'),
      symbologyIdentifier: ']E0',
    });
    expect(results[1].barcodes[0]).toMatchObject({ text: expected('qrcode-1/1'), format: 'QRCode' });
  });

  it('reports a picture with no barcode as empty and exits 1', () => {
    const { status, results } = decode(fixture('falsepositives/01'));
    expect(results).toEqual([{ file: fixture('falsepositives/01'), ok: true, barcodes: [] }]);
    expect(status).toBe(1);
  });

  it('says clearly what is wrong with a file that is missing or not an image, and goes on', () => {
    const { status, results } = decode('/nonexistent/label.png', BIN, fixture('ean13-3/01'));
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
