import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { picturePath as fixture, pictureText as expected } from '../test/helpers/fixtures';
import {
  decodeImageFile,
  DEFAULT_ENGINE,
  defaultDecoder,
  loadZxingWasmBinary,
  readImageFile,
} from './barcode-decode';

const dir = mkdtempSync(join(tmpdir(), 'openlane-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A JPEG of a fixture photograph, as a phone or webcam would save it. */
function jpegOf(name: string): string {
  const png = PNG.sync.read(readFileSync(fixture(name)));
  const path = join(dir, `${name.replace('/', '-')}.jpg`);
  writeFileSync(path, jpeg.encode({ data: png.data, width: png.width, height: png.height }, 90).data);
  return path;
}

describe('decodeImageFile', () => {
  it.each(['zxing-wasm', 'zxing-js'] as const)('reads a PNG with %s', async (engine) => {
    const result = await decodeImageFile(fixture('ean13-1/1'), { engine });
    expect(result).toMatchObject({ ok: true, barcodes: [{ text: expected('ean13-1/1'), format: 'EAN-13' }] });
  });

  it('reads a JPEG', async () => {
    const result = await decodeImageFile(jpegOf('qrcode-1/1'));
    expect(result.ok && result.barcodes.map((b) => b.text)).toEqual([expected('qrcode-1/1')]);
  });

  it('reports a picture without a barcode as read, with nothing in it', async () => {
    expect(await decodeImageFile(fixture('falsepositives/01'))).toEqual({
      file: fixture('falsepositives/01'),
      ok: true,
      barcodes: [],
    });
  });

  it('names a missing file', async () => {
    const result = await decodeImageFile(join(dir, 'label.png'));
    expect(result).toMatchObject({ ok: false, error: { code: 'file_not_found' } });
    expect(!result.ok && result.error.message).toBe(`${join(dir, 'label.png')}: no such file`);
  });

  it('refuses a file that is neither PNG nor JPEG, whatever its name', async () => {
    const path = join(dir, 'label.png');
    writeFileSync(path, 'GIF89a not really');
    expect(await decodeImageFile(path)).toMatchObject({
      ok: false,
      error: { code: 'unsupported_format', message: `${path} is not a PNG or JPEG image` },
    });
  });

  it.each([
    [
      'PNG',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]),
    ],
    ['JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 7)])],
  ])('calls a damaged %s corrupt', async (kind, bytes) => {
    const path = join(dir, `broken.${kind.toLowerCase()}`);
    writeFileSync(path, bytes);
    const result = await decodeImageFile(path);
    expect(result).toMatchObject({ ok: false, error: { code: 'corrupt_image' } });
    expect(!result.ok && result.error.message).toContain(`looks like a ${kind} but cannot be read`);
  });

  it('calls a truncated PNG corrupt', () => {
    const path = join(dir, 'truncated.png');
    const whole = readFileSync(fixture('ean8-1/1'));
    writeFileSync(path, whole.subarray(0, whole.length >> 1));
    expect(readImageFile(path)).toMatchObject({ ok: false, error: { code: 'corrupt_image' } });
  });

  it('says a directory is not an image', async () => {
    expect(await decodeImageFile(dir)).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
  });
});

describe('the engines', () => {
  it('loads the reader .wasm from the installed package', () => {
    expect([...loadZxingWasmBinary().subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });

  it('defaults to the engine the benchmark chose', () => {
    expect(defaultDecoder().name).toBe(DEFAULT_ENGINE);
  });
});
