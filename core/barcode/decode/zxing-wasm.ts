// The zxing-wasm engine: zxing-cpp compiled to WebAssembly. Core does no I/O, so the caller hands it
// the .wasm — as bytes (Node reads them from the package) or as a locateFile pointing at a URL the
// app serves itself. There is deliberately no default: zxing-wasm's own default fetches from a CDN.
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import {
  checkImage,
  DEFAULT_FORMATS,
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

/** A decoder on zxing-wasm; the WebAssembly module is instantiated on the first decode. */
export function createZxingWasmDecoder(source: ZxingWasmSource): BarcodeDecoder {
  const overrides =
    'wasmBinary' in source
      ? { wasmBinary: asArrayBuffer(source.wasmBinary) }
      : { locateFile: source.locateFile };
  return {
    name: 'zxing-wasm',
    async decode(image: RgbaImage, options: DecodeOptions = {}): Promise<DecodedBarcode[]> {
      checkImage(image);
      // zxing-wasm keeps one module per page; naming our overrides on every call keeps two decoders from
      // running on each other's module (the same overrides object reuses the instantiated module).
      await prepareZXingModule({ overrides, fireImmediately: true }).catch((error: unknown) => {
        throw new Error(`zxing-wasm could not start its WebAssembly module: ${String(error)}`);
      });
      const formats = (options.formats ?? DEFAULT_FORMATS).flatMap((f) => TO_WASM[f]);
      if (!formats.length) return [];
      const results = await readBarcodes(
        image as ImageData,
        readerOptions(options.tryHarder === true, formats),
      );
      return dedupe(results.flatMap((r) => fromResult(r) ?? []));
    },
  };
}

/**
 * zxing-cpp's tryHarder/tryRotate/tryInvert/tryDownscale all default to on; a camera stream gets a fresh
 * frame every 33 ms, so the quick pass leaves out the costly extra scan lines and inverted pictures.
 */
function readerOptions(tryHarder: boolean, formats: WasmFormat[]): ReaderOptions {
  return {
    formats,
    tryHarder,
    tryRotate: true,
    tryInvert: tryHarder,
    tryDownscale: true,
    maxNumberOfSymbols: 8,
    eanAddOnSymbol: 'Read',
  };
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

function asArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  return bytes instanceof Uint8Array ? new Uint8Array(bytes).buffer : bytes;
}
