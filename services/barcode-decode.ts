// Decodes barcodes in image files (PNG, JPEG) with zxing-wasm — zxing-cpp built to WebAssembly,
// the engine the kiosk's camera uses — for store IT checking a label with `openlane barcode decode`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

export interface DecodedBarcode {
  text: string;
  /** zxing-cpp's format name, e.g. "EAN13", "QRCode". */
  format: string;
  /** The AIM identifier, e.g. "]E0". */
  symbologyIdentifier: string;
}

export type DecodeFileResult =
  | { file: string; ok: true; barcodes: DecodedBarcode[] }
  | { file: string; ok: false; barcodes: []; error: string };

let prepared = false;

/** Loads the .wasm from the installed package once (no network, no CDN). */
function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.length) },
  });
  prepared = true;
}

const IMAGE_SIGNATURES: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
];

/** Every barcode in one image file; a file that cannot be read says why. */
export async function decodeImageFile(file: string): Promise<DecodeFileResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failure(file, code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`);
  }
  const kind = IMAGE_SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte));
  if (!kind) return failure(file, 'not a PNG or JPEG image');
  prepare();
  try {
    const results = await readBarcodes(new Uint8Array(bytes), { tryHarder: true, maxNumberOfSymbols: 8 });
    const barcodes = results
      .filter((r) => r.isValid)
      .map((r) => ({ text: r.text, format: r.format, symbologyIdentifier: r.symbologyIdentifier }));
    return { file, ok: true, barcodes };
  } catch (error) {
    return failure(file, `the ${kind[0]} image could not be decoded: ${(error as Error).message}`);
  }
}

function failure(file: string, error: string): DecodeFileResult {
  return { file, ok: false, barcodes: [], error };
}
