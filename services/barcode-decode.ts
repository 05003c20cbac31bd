// Barcodes in image files (PNG, JPEG), for store IT checking a label with `openlane barcode decode`,
// and the Node side of the decoders: this is where zxing-wasm's .wasm is read from the installed
// package (never a CDN) and handed to core, which does no I/O.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import {
  createZxingJsDecoder,
  createZxingWasmDecoder,
  type BarcodeDecoder,
  type DecodedBarcode,
  type RgbaImage,
} from '../core/barcode/decode';
import type { ErrorInfo } from '../core/result';

export const ENGINES = ['zxing-wasm', 'zxing-js'] as const;
export type EngineName = (typeof ENGINES)[number];

export type DecodeErrorCode = 'file_not_found' | 'file_unreadable' | 'unsupported_format' | 'corrupt_image';

/** core/result's failure shape, with this command's codes (`openlane barcode decode` prints it as JSON). */
export type DecodeError = ErrorInfo & { code: DecodeErrorCode };

export type DecodeFileResult =
  | { file: string; ok: true; barcodes: DecodedBarcode[] }
  | { file: string; ok: false; barcodes: []; error: DecodeError };

type Read<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/**
 * The engine that measured best (test/bench/decode.ts, 2 × AMD EPYC, Node 20, ZXing's 723 photographs
 * each centred on a 1280×720 frame as the camera decodes them; docs/benchmarks.md, 2026-12-01):
 *   zxing-wasm — 546 read right, 0 folders below ZXing's count, 1 wrong, 0 false; 8.5 / 12.7 ms median / p90
 *   zxing-js   — 413 read right, 12 folders below, 7 wrong, 0 false; 29.8 / 216.6 ms
 */
export const DEFAULT_ENGINE: EngineName = 'zxing-wasm';

let wasmBinary: Uint8Array | null = null;

/** zxing-cpp's reader .wasm as shipped inside the zxing-wasm package; read once. */
export function loadZxingWasmBinary(): Uint8Array {
  wasmBinary ??= readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return wasmBinary;
}

const decoders = new Map<EngineName, BarcodeDecoder>();

/** One decoder per engine for the life of the process (the wasm module is instantiated once). */
export function createDecoder(engine: EngineName): BarcodeDecoder {
  let decoder = decoders.get(engine);
  if (!decoder) {
    decoder =
      engine === 'zxing-wasm'
        ? createZxingWasmDecoder({ wasmBinary: loadZxingWasmBinary() })
        : createZxingJsDecoder();
    decoders.set(engine, decoder);
  }
  return decoder;
}

/** The decoder the camera and the CLI use unless told otherwise. */
export function defaultDecoder(): BarcodeDecoder {
  return createDecoder(DEFAULT_ENGINE);
}

/** Every barcode in one PNG or JPEG file; a file that cannot be read says exactly why. */
export async function decodeImageFile(
  file: string,
  options: { engine?: EngineName; tryHarder?: boolean } = {},
): Promise<DecodeFileResult> {
  const image = readImageFile(file);
  if (!image.ok) return { file, ok: false, barcodes: [], error: image.error };
  const decoder = createDecoder(options.engine ?? DEFAULT_ENGINE);
  // A still picture is decoded once, so it can afford the slow, thorough pass a video frame cannot.
  const barcodes = await decoder.decode(image.value, { tryHarder: options.tryHarder ?? true });
  return { file, ok: true, barcodes };
}

/** A PNG or JPEG file as RGBA pixels, told apart by their first bytes rather than the file name. */
export function readImageFile(file: string): Read<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failure('file_not_found', `${file}: no such file`);
    if (code === 'EISDIR') return failure('file_unreadable', `${file} is a directory, not an image`);
    return failure('file_unreadable', `${file} cannot be read (${code ?? String(error)})`);
  }
  const kind = sniff(bytes);
  if (!kind) return failure('unsupported_format', `${file} is not a PNG or JPEG image`);
  try {
    return { ok: true, value: kind === 'PNG' ? fromPng(bytes) : fromJpeg(bytes) };
  } catch (error) {
    return failure(
      'corrupt_image',
      `${file} looks like a ${kind} but cannot be read: ${(error as Error).message}`,
    );
  }
}

function sniff(bytes: Buffer): 'PNG' | 'JPEG' | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  return null;
}

function fromPng(bytes: Buffer): RgbaImage {
  const png = PNG.sync.read(bytes); // pngjs expands palette, grey and 16-bit pictures to 8-bit RGBA
  return {
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    width: png.width,
    height: png.height,
  };
}

function fromJpeg(bytes: Buffer): RgbaImage {
  // The limits keep a hostile file from asking for gigabytes; a 48 MP photo still fits.
  const raw = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: 50,
    maxMemoryUsageInMB: 512,
  });
  return {
    data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length),
    width: raw.width,
    height: raw.height,
  };
}

function failure(code: DecodeErrorCode, message: string): Read<never> {
  return { ok: false, error: { code, message } };
}
