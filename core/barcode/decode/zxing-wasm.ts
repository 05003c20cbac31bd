// The zxing-wasm engine: zxing-cpp compiled to WebAssembly. Core does no I/O, so the caller hands it
// the .wasm — as bytes (Node reads them from the package) or as a locateFile pointing at a URL the
// app serves itself. There is deliberately no default: zxing-wasm's own default fetches from a CDN.
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import {
  checkImage,
  DEFAULT_FORMATS,
  isErrorCorrected,
  type BarcodeDecoder,
  type BarcodeFormatName,
  type DecodedBarcode,
  type DecodeOptions,
  type RgbaImage,
} from './types';

export type ZxingWasmSource =
  { wasmBinary: ArrayBuffer | Uint8Array } | { locateFile: (path: string, prefix: string) => string };

type WasmFormat = NonNullable<ReaderOptions['formats']>[number];

const TO_WASM: Record<BarcodeFormatName, WasmFormat[]> = {
  'EAN-13': ['EAN13'],
  'EAN-8': ['EAN8'],
  'UPC-A': ['UPCA'],
  'UPC-E': ['UPCE'],
  Code128: ['Code128'],
  Code39: ['Code39'],
  Code93: ['Code93'],
  Codabar: ['Codabar'],
  ITF: ['ITF'],
  DataBar: ['DataBarOmni', 'DataBarStk', 'DataBarStkOmni'],
  DataBarExpanded: ['DataBarExp', 'DataBarExpStk'],
  DataBarLimited: ['DataBarLtd'],
  QRCode: ['QRCode'],
  MicroQRCode: ['MicroQRCode'],
  DataMatrix: ['DataMatrix'],
  PDF417: ['PDF417'],
  Aztec: ['Aztec'],
  Other: [],
};

/** zxing-cpp's format names (variants included) to ours. */
const FROM_WASM: Record<string, BarcodeFormatName> = {
  EAN13: 'EAN-13', EAN8: 'EAN-8', UPCA: 'UPC-A', UPCE: 'UPC-E', ISBN: 'EAN-13',
  Code128: 'Code128', Code39: 'Code39', Code39Std: 'Code39', Code39Ext: 'Code39', Code32: 'Code39', PZN: 'Code39',
  Code93: 'Code93', Codabar: 'Codabar', ITF: 'ITF', ITF14: 'ITF',
  DataBar: 'DataBar', DataBarOmni: 'DataBar', DataBarStk: 'DataBar', DataBarStkOmni: 'DataBar',
  DataBarExp: 'DataBarExpanded', DataBarExpStk: 'DataBarExpanded', DataBarLtd: 'DataBarLimited',
  QRCode: 'QRCode', QRCodeModel1: 'QRCode', QRCodeModel2: 'QRCode', RMQRCode: 'QRCode', MicroQRCode: 'MicroQRCode',
  DataMatrix: 'DataMatrix', PDF417: 'PDF417', CompactPDF417: 'PDF417', MicroPDF417: 'PDF417',
  Aztec: 'Aztec', AztecCode: 'Aztec', AztecRune: 'Aztec',
}; // prettier-ignore

/**
 * zxing-cpp's options for every pass. `Plain` text is the data itself: its default (HRI) turns control
 * characters into `<GS>`-style escapes and GS1 data into "(01)…", and so misread a QR code of the
 * black-box set (qrcode-2/33) and would break a GS1 DataMatrix.
 */
const COMMON: ReaderOptions = { maxNumberOfSymbols: 8, eanAddOnSymbol: 'Read', textMode: 'Plain' };

/** One frame's quick pass: as zxing-cpp's defaults, minus the costly extra scan lines and inverted pictures. */
const QUICK: ReaderOptions = { tryHarder: false, tryRotate: true, tryInvert: false, tryDownscale: true };

interface StreamPass {
  options: ReaderOptions;
  /** Decode only every n-th row of the frame: 1D codes are read along rows, so they lose nothing. */
  rowStep?: number;
  /** Threshold each pixel against its neighbourhood first (see thresholdLocally). */
  localThreshold?: boolean;
}

/**
 * A camera stream's passes, one per frame. zxing-cpp's thorough pass reads most of a 720p frame but takes
 * 2–3 frames' budget (p90 48 ms against ≤ 20), spent on 1D scan lines, and those need only rows. So a
 * stream cycles through the quick pass (2D codes, and 1D at any rotation) and two 1D passes that scan every
 * row of a frame thinned to every 2nd or 3rd row. zxing-cpp thresholds each 1D scan line on that line's
 * own histogram, which uneven light or a bright or grey surround throws off: one 1D pass thresholds at
 * fixed mid-grey instead, the other against each pixel's neighbourhood. On ZXing's photographs centred on
 * grey 720p frames (test/bench/decode.ts) the three passes' reads together are 546 of 723 right, every
 * folder at ZXing's count (the quick pass alone 465; the thorough pass on every frame 512, 9 folders
 * short; without the mid-grey pass 533, without the local one 510), at p90 15–16 ms a pass (quick 13).
 */
const LINEAR_ROWS: ReaderOptions = {
  tryHarder: true,
  tryRotate: false, // the quick pass reads codes held sideways; thinned rows would squash them
  tryInvert: false,
  tryDownscale: false,
  binarizer: 'FixedThreshold',
};
const STREAM_PASSES: readonly StreamPass[] = [
  { options: QUICK },
  { options: LINEAR_ROWS, rowStep: 2 },
  { options: LINEAR_ROWS, rowStep: 3, localThreshold: true },
];

/**
 * A still picture's thorough pass. One agreeing scan line is enough (minLineCount 1 reads 6 more of the
 * black-box pictures than the default 2) because small pictures are checked against an upscaled copy.
 */
const THOROUGH: ReaderOptions = {
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  minLineCount: 1,
};

/** Pictures up to 640×480 are also read upscaled 2× (at most about 0.3 s more for the largest). */
const UPSCALE_MAX_PIXELS = 640 * 480;

/** A decoder on zxing-wasm; the WebAssembly module is instantiated on the first decode. */
export function createZxingWasmDecoder(source: ZxingWasmSource): BarcodeDecoder {
  const overrides =
    'wasmBinary' in source
      ? { wasmBinary: asArrayBuffer(source.wasmBinary) }
      : { locateFile: source.locateFile };
  let nextPass = 0;
  return {
    name: 'zxing-wasm',
    streamPasses: STREAM_PASSES.length,
    async decode(image: RgbaImage, options: DecodeOptions = {}): Promise<DecodedBarcode[]> {
      checkImage(image);
      // zxing-wasm keeps one module per page; naming our overrides on every call keeps two decoders from
      // running on each other's module (the same overrides object reuses the instantiated module).
      await prepareZXingModule({ overrides, fireImmediately: true }).catch((error: unknown) => {
        throw new Error(`zxing-wasm could not start its WebAssembly module: ${String(error)}`);
      });
      const wanted = options.formats ?? DEFAULT_FORMATS;
      const formats = wanted.flatMap((f) => TO_WASM[f]);
      if (!formats.length) return [];
      const picture = whiteWhereTransparent(image);
      if (options.stream) {
        const pass = STREAM_PASSES[(options.pass ?? nextPass++) % STREAM_PASSES.length]!;
        if (pass.rowStep === undefined) return read(picture, { ...pass.options, formats });
        const linear = wanted.filter((f) => !isErrorCorrected(f)).flatMap((f) => TO_WASM[f]);
        if (!linear.length) return [];
        const thinned = pass.localThreshold
          ? thresholdLocally(picture, pass.rowStep)
          : everyNthRow(picture, pass.rowStep);
        return read(thinned, { ...pass.options, formats: linear }, 1, pass.rowStep);
      }
      if (options.tryHarder !== true) return read(picture, { ...QUICK, formats });
      const asIs = await read(picture, { ...THOROUGH, formats });
      if (picture.width * picture.height > UPSCALE_MAX_PIXELS) return asIs;
      return agreeing(asIs, await read(upscale2(picture), { ...THOROUGH, formats }, 0.5, 0.5));
    },
  };
}

/** Decodes with zxing-cpp, positions scaled back to the caller's picture. */
async function read(image: RgbaImage, options: ReaderOptions, sx = 1, sy = 1): Promise<DecodedBarcode[]> {
  const results = await readBarcodes(image as ImageData, { ...COMMON, ...options });
  const barcodes = dedupe(results.flatMap((r) => fromResult(r) ?? []));
  for (const b of barcodes) b.position = b.position?.map(({ x, y }) => ({ x: x * sx, y: y * sy }));
  return barcodes;
}

/**
 * A still picture's 1D reads, checked against the same picture upscaled 2×. Low-resolution photos alias
 * fine bars into another valid code (upca-4/1, upce-2/14, upce-2/41 of the black-box set); smoothed
 * edges do not repeat the same misread. So when both read 1D codes, those they agree on are kept, or the
 * upscaled reading's if they agree on none; 2D codes correct their own errors and are kept from both. On
 * the black-box pictures: 565 right and 1 wrong (ean13-2/24, where only the second code printed beside the
 * one expected is legible), against 549 right and 4 wrong for the picture alone.
 */
function agreeing(asIs: DecodedBarcode[], upscaled: DecodedBarcode[]): DecodedBarcode[] {
  const isLinear = (b: DecodedBarcode) => !isErrorCorrected(b.format);
  const key = (b: DecodedBarcode) => `${b.format}\u0000${b.text}`;
  const [a, u] = [asIs.filter(isLinear), upscaled.filter(isLinear)];
  const inUpscaled = new Set(u.map(key));
  const agreed = a.filter((b) => inUpscaled.has(key(b)));
  const linear = !u.length ? a : !a.length || !agreed.length ? u : agreed;
  return dedupe([...asIs.filter((b) => !isLinear(b)), ...upscaled.filter((b) => !isLinear(b)), ...linear]);
}

function fromResult(result: ReadResult): DecodedBarcode | null {
  if (!result.isValid) return null;
  let format = FROM_WASM[result.format] ?? 'Other';
  let text = result.text;
  const extra = parseExtra(result.extra);
  let addOn: string | undefined;
  if (typeof extra.EanAddOn === 'string' && extra.EanAddOn && text.endsWith(extra.EanAddOn)) {
    addOn = extra.EanAddOn;
    text = text.slice(0, -addOn.length);
  }
  // The digits printed under the symbol, as ZXing's Java and @zxing/library give them: zxing-cpp
  // reports a UPC-E expanded (its own 8 digits in `extra`) and may report a UPC-A as a 0-led EAN-13.
  if (format === 'UPC-E' && typeof extra.UPCE === 'string') text = extra.UPCE;
  if (format === 'EAN-13' && /^0\d{12}$/.test(text)) {
    format = 'UPC-A';
    text = text.slice(1);
  }
  const barcode: DecodedBarcode = { text, format };
  if (result.symbologyIdentifier) barcode.symbologyIdentifier = result.symbologyIdentifier;
  if (addOn) barcode.addOn = addOn;
  const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
  barcode.position = [topLeft, topRight, bottomRight, bottomLeft].map(({ x, y }) => ({ x, y }));
  return barcode;
}

/** zxing-cpp can report one symbol twice (with and without its add-on); keep the fuller read. */
function dedupe(barcodes: DecodedBarcode[]): DecodedBarcode[] {
  const byKey = new Map<string, DecodedBarcode>();
  for (const b of barcodes) {
    const key = `${b.format}\u0000${b.text}`;
    const seen = byKey.get(key);
    if (!seen || (!seen.addOn && b.addOn)) byKey.set(key, b);
  }
  return [...byKey.values()];
}

function parseExtra(extra: string): Record<string, unknown> {
  if (!extra) return {};
  try {
    const parsed: unknown = JSON.parse(extra);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Fully transparent pixels as white, as ZXing's Java luminance source treats them: zxing-wasm ignores
 * alpha, so a label exported with a transparent background read as black on black (datamatrix-1's
 * EDIFACT and X12). Looked for on every 16th pixel, which no transparent background escapes, to keep
 * the check off a camera frame's budget.
 */
function whiteWhereTransparent(image: RgbaImage): RgbaImage {
  const { data } = image;
  let i = 3;
  while (i < data.length && data[i] !== 0) i += 64;
  if (i >= data.length) return image;
  const copy = new Uint8ClampedArray(data);
  for (let j = 3; j < copy.length; j += 4) if (copy[j] === 0) copy.fill(255, j - 3, j + 1);
  return { data: copy, width: image.width, height: image.height };
}

function everyNthRow(image: RgbaImage, n: number): RgbaImage {
  const rowBytes = image.width * 4;
  const height = Math.ceil(image.height / n);
  const data = new Uint8ClampedArray(height * rowBytes);
  for (let y = 0; y < height; y++)
    data.set(image.data.subarray(y * n * rowBytes, (y * n + 1) * rowBytes), y * rowBytes);
  return { data, width: image.width, height };
}

/**
 * Every n-th row in black and white, each pixel against its neighbourhood: 8×8-pixel blocks, the
 * threshold halfway between the 3×3 blocks' midrange and mean, all white where they are flat (a range
 * under 24 grey levels). As zxing-cpp's LocalAverage binarizer does for 2D codes, but for 1D scan lines.
 */
function thresholdLocally(image: RgbaImage, n: number): RgbaImage {
  const { width: w, data: rgba } = image;
  const h = Math.ceil(image.height / n);
  const bw = Math.ceil(w / 8);
  const bh = Math.ceil(h / 8);
  const lum = new Uint8Array(w * h);
  const lo = new Uint8Array(bw * bh).fill(255);
  const hi = new Uint8Array(bw * bh);
  const sum = new Uint32Array(bw * bh);
  for (let y = 0, i = 0; y < h; y++) {
    const blocks = (y >> 3) * bw;
    for (let x = 0, j = y * n * w * 4; x < w; x++, i++, j += 4) {
      const v = (306 * rgba[j]! + 601 * rgba[j + 1]! + 117 * rgba[j + 2]! + 512) >> 10; // zxing's weights
      const b = blocks + (x >> 3);
      lum[i] = v;
      sum[b]! += v;
      if (v < lo[b]!) lo[b] = v;
      if (v > hi[b]!) hi[b] = v;
    }
  }
  const threshold = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let [min, max, total, count] = [255, 0, 0, 0];
      for (let y = Math.max(0, by - 1); y <= Math.min(bh - 1, by + 1); y++)
        for (let x = Math.max(0, bx - 1); x <= Math.min(bw - 1, bx + 1); x++) {
          const b = y * bw + x;
          min = Math.min(min, lo[b]!);
          max = Math.max(max, hi[b]!);
          total += sum[b]!;
          count += Math.min(8, w - x * 8) * Math.min(8, h - y * 8);
        }
      threshold[by * bw + bx] = max - min < 24 ? 0 : ((min + max) / 2 + total / count) / 2;
    }
  // All four bytes 0 or 255: black or white whatever the byte order (zxing-wasm ignores alpha).
  const out = new Uint32Array(w * h);
  for (let y = 0, i = 0; y < h; y++) {
    const blocks = (y >> 3) * bw;
    for (let x = 0; x < w; x++, i++) out[i] = lum[i]! < threshold[blocks + (x >> 3)]! ? 0 : 0xffffffff;
  }
  return { data: new Uint8ClampedArray(out.buffer), width: w, height: h };
}

/** The picture at twice its size, bilinear: output pixel 2i samples the source at i − ¼, 2i + 1 at i + ¼. */
function upscale2(image: RgbaImage): RgbaImage {
  const { width: w, height: h, data: src } = image;
  const data = new Uint8ClampedArray(w * h * 16);
  const neighbour = (o: number, size: number) => Math.min(size - 1, Math.max(0, (o >> 1) + (o & 1 ? 1 : -1)));
  for (let oy = 0, d = 0; oy < 2 * h; oy++) {
    const near = (oy >> 1) * w * 4;
    const far = neighbour(oy, h) * w * 4;
    for (let ox = 0; ox < 2 * w; ox++) {
      const x0 = (ox >> 1) * 4;
      const x1 = neighbour(ox, w) * 4;
      for (let k = 0; k < 4; k++, d++)
        data[d] =
          (9 * src[near + x0 + k]! + 3 * (src[near + x1 + k]! + src[far + x0 + k]!) + src[far + x1 + k]!) /
          16;
    }
  }
  return { data, width: 2 * w, height: 2 * h };
}

function asArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  return bytes instanceof Uint8Array ? new Uint8Array(bytes).buffer : bytes;
}
