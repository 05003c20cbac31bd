// The one decoder interface every camera path uses — the renderer's Web Worker, `openlane barcode
// decode`, and the benchmark — so engines can be swapped and measured against each other.

/** An RGBA picture, 4 bytes per pixel, row by row: what a canvas, a video frame or a PNG gives. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Symbologies by one name whatever engine read them. */
export type BarcodeFormatName =
  | 'EAN-13'
  | 'EAN-8'
  | 'UPC-A'
  | 'UPC-E'
  | 'Code128'
  | 'Code39'
  | 'Code93'
  | 'Codabar'
  | 'ITF'
  | 'DataBar'
  | 'DataBarExpanded'
  | 'DataBarLimited'
  | 'QRCode'
  | 'MicroQRCode'
  | 'DataMatrix'
  | 'PDF417'
  | 'Aztec'
  | 'Other';

export interface Point {
  x: number;
  y: number;
}

export interface DecodedBarcode {
  /**
   * The data, as printed under a retail code: EAN-13 13 digits, EAN-8 8, UPC-A 12, UPC-E 8 (not
   * expanded); GS1 element strings keep their GS (ASCII 29) separators. An add-on is not included.
   */
  text: string;
  format: BarcodeFormatName;
  /** The AIM symbology identifier (`]E0`, `]C1`, `]Q1`, `]d2`…) when the engine knows it. */
  symbologyIdentifier?: string;
  /** A 2- or 5-digit EAN/UPC add-on read beside the main code. */
  addOn?: string;
  /** Where the code is in the picture, in pixels, as far as the engine reports it. */
  position?: Point[];
}

export interface DecodeOptions {
  /** Spend more time per picture (more scan lines, rotations): for still images, not a 20 fps stream. */
  tryHarder?: boolean;
  /** Only these symbologies; by default the ones a supermarket meets (DEFAULT_FORMATS). */
  formats?: readonly BarcodeFormatName[];
  /**
   * The picture is one frame of a camera stream, where a code stays in view for many frames. An engine
   * with several complementary passes (`streamPasses` > 1) runs the next one of its cycle on each frame
   * instead of one costly pass on all of them, and then ignores `tryHarder`; other engines ignore this.
   */
  stream?: boolean;
  /** With `stream`: run this pass of the cycle (modulo `streamPasses`) rather than the next: for benchmarks and tests. */
  pass?: number;
}

export interface BarcodeDecoder {
  /** The engine, e.g. "zxing-wasm", as the benchmark and the CLI name it. */
  readonly name: string;
  /**
   * How many consecutive stream frames it takes to run all of the engine's passes once (absent: 1).
   * What a stream reads of a code held in view is the union of these passes' reads.
   */
  readonly streamPasses?: number;
  /** Every code found in the picture; [] when there is none. Rejects only for a malformed image. */
  decode(image: RgbaImage, options?: DecodeOptions): Promise<DecodedBarcode[]>;
}

/** Retail codes, GS1-128 and DataBar on fresh food, GS1 DataMatrix, and QR (Digital Link, loyalty, wallets). */
export const DEFAULT_FORMATS: readonly BarcodeFormatName[] = [
  'EAN-13',
  'EAN-8',
  'UPC-A',
  'UPC-E',
  'Code128',
  'DataBar',
  'DataBarExpanded',
  'DataBarLimited',
  'QRCode',
  'DataMatrix',
];

/** 2D symbologies carry Reed–Solomon error correction: a decoded symbol is very unlikely to be wrong. */
const ERROR_CORRECTED: ReadonlySet<BarcodeFormatName> = new Set([
  'QRCode',
  'MicroQRCode',
  'DataMatrix',
  'PDF417',
  'Aztec',
]);

/** Whether a read of this symbology can be trusted from a single frame. */
export function isErrorCorrected(format: BarcodeFormatName): boolean {
  return ERROR_CORRECTED.has(format);
}

/** Throws a clear error when the pixel buffer does not match the stated size. */
export function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    throw new RangeError(`image size must be positive whole pixels, not ${width}×${height}`);
  if (data.length !== width * height * 4)
    throw new RangeError(
      `an RGBA image of ${width}×${height} needs ${width * height * 4} bytes, this one has ${data.length}`,
    );
}

/**
 * A camera read as a serial scanner would send it: the AIM identifier, the data, then any add-on, so
 * every source reaches the same scan interpreter (a GS1 DataMatrix keeps its `]d2` and its GS bytes).
 */
export function asScannedText(barcode: DecodedBarcode): string {
  const aim = barcode.symbologyIdentifier ?? '';
  if (!barcode.addOn) return aim + barcode.text;
  // With an add-on read, an EAN/UPC's AIM modifier is 3 (main code and add-on together).
  return (aim.startsWith(']E') ? ']E3' : aim) + barcode.text + barcode.addOn;
}

/**
 * How the camera decodes a frame, and so how the benchmark measures it. zxing-wasm cycles through its
 * stream passes, each within a 20 fps frame's budget, that together read more of ZXing's photographs than
 * its thorough pass, which takes 2–3 frames' time. A code held in view meets every pass, so what a frame
 * reads is the union of its `streamPasses` consecutive passes. `tryHarder` is for engines without stream
 * passes (@zxing/library keeps its thorough pass).
 */
export const CAMERA_DECODE_OPTIONS: DecodeOptions = { stream: true, tryHarder: true };
