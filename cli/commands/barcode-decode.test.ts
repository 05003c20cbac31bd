// The command as store IT runs it, called as a function (the `openlane` bin wires it in).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { picturePath as fixture, pictureText as expected } from '../../test/helpers/fixtures';
import { barcodeDecodeCommand } from './barcode-decode';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const status = await barcodeDecodeCommand(args);
  return { status, lines: out.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: err.join('\n') };
}
afterEach(() => vi.restoreAllMocks());

describe('openlane barcode decode', () => {
  it('prints one JSON line per file with text, format and AIM identifier, and exits 0', async () => {
    const { status, lines } = await run(fixture('ean13-3/01'), fixture('upce-1/1'), fixture('qrcode-1/1'));
    expect(status).toBe(0);
    expect(lines).toEqual([
      {
        file: fixture('ean13-3/01'),
        ok: true,
        barcodes: [{ text: expected('ean13-3/01'), format: 'EAN-13', symbologyIdentifier: ']E0' }],
      },
      {
        file: fixture('upce-1/1'),
        ok: true,
        barcodes: [{ text: expected('upce-1/1'), format: 'UPC-E', symbologyIdentifier: ']E0' }],
      },
      {
        file: fixture('qrcode-1/1'),
        ok: true,
        barcodes: [{ text: expected('qrcode-1/1'), format: 'QRCode', symbologyIdentifier: ']Q1' }],
      },
    ]);
  });

  it('decodes with the engine asked for', async () => {
    const { status, lines } = await run('--engine', 'zxing-js', fixture('ean8-1/1'));
    expect(status).toBe(0);
    expect(lines[0]).toMatchObject({ ok: true, barcodes: [{ text: expected('ean8-1/1'), format: 'EAN-8' }] });
  });

  it('exits 1 when a picture holds no barcode, and still reports the others', async () => {
    const { status, lines } = await run(fixture('falsepositives/01'), fixture('ean8-1/1'));
    expect(status).toBe(1);
    expect(lines.map((l) => (l.barcodes as unknown[]).length)).toEqual([0, 1]);
    expect(lines[0]).toEqual({ file: fixture('falsepositives/01'), ok: true, barcodes: [] });
  });

  it('exits 1 and says why for a file that is missing or not an image', async () => {
    const { status, lines } = await run('/nonexistent/label.png', fileURLToPath(import.meta.url));
    expect(status).toBe(1);
    expect(lines.map((l) => (l.error as { code: string }).code)).toEqual([
      'file_not_found',
      'unsupported_format',
    ]);
    expect(lines[0]).toMatchObject({ ok: false, barcodes: [] });
  });

  it('exits 2 with the usage for no file, an unknown engine or an unknown flag', async () => {
    for (const args of [[], ['--engine', 'quagga', fixture('ean8-1/1')], ['--fast', fixture('ean8-1/1')]]) {
      const { status, lines, stderr } = await run(...args);
      expect([args, status, lines]).toEqual([args, 2, []]);
      expect(stderr).toMatch(/Usage: openlane barcode decode IMAGE/);
    }
  });
});
