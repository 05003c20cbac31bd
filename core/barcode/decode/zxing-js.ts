// The @zxing/library engine: ZXing's Java decoder ported to TypeScript. Pure JavaScript, so it runs
// anywhere; the baseline the zxing-wasm engine is measured against.
import {
  BarcodeFormat,
  BinaryBitmap,
  ChecksumException,
  DecodeHintType,
  FormatException,
  HybridBinarizer,
  MultiFormatReader,
  NotFoundException,
  ResultMetadataType,
  RGBLuminanceSource,
  type Result,
} from '@zxing/library';
import { toLuminance } from './luminance';
import {
  checkImage,
  DEFAULT_FORMATS,
  type BarcodeDecoder,
  type BarcodeFormatName,
  type DecodedBarcode,
  type DecodeOptions,
  type RgbaImage,
} from './types';

// DataBar Expanded is left out: @zxing/library itself warns its RSS_EXPANDED reader "is not ready for
// production". DataBar Limited and Micro QR have no reader in it.
const TO_ZXING: Partial<Record<BarcodeFormatName, BarcodeFormat>> = {
  'EAN-13': BarcodeFormat.EAN_13,
  'EAN-8': BarcodeFormat.EAN_8,
  'UPC-A': BarcodeFormat.UPC_A,
  'UPC-E': BarcodeFormat.UPC_E,
  Code128: BarcodeFormat.CODE_128,
  Code39: BarcodeFormat.CODE_39,
  Code93: BarcodeFormat.CODE_93,
  Codabar: BarcodeFormat.CODABAR,
  ITF: BarcodeFormat.ITF,
  DataBar: BarcodeFormat.RSS_14,
  QRCode: BarcodeFormat.QR_CODE,
  DataMatrix: BarcodeFormat.DATA_MATRIX,
  PDF417: BarcodeFormat.PDF_417,
  Aztec: BarcodeFormat.AZTEC,
};
const FROM_ZXING = new Map<BarcodeFormat, BarcodeFormatName>(
  Object.entries(TO_ZXING).map(([name, format]) => [format, name as BarcodeFormatName]),
);

/** The AIM identifiers that follow from the symbology alone (ZXing's JS port does not report them). */
const KNOWN_AIM: Partial<Record<BarcodeFormatName, string>> = {
  'EAN-13': ']E0',
  'UPC-A': ']E0',
  'UPC-E': ']E0',
  'EAN-8': ']E4',
};

/** A decoder on @zxing/library: one code per picture, the way its MultiFormatReader works. */
export function createZxingJsDecoder(): BarcodeDecoder {
  const readers = new Map<string, MultiFormatReader>();
  const readerFor = (options: DecodeOptions): MultiFormatReader => {
    const formats = (options.formats ?? DEFAULT_FORMATS).flatMap((f) => TO_ZXING[f] ?? []);
    const key = `${options.tryHarder ? 1 : 0}:${formats.join(',')}`;
    let reader = readers.get(key);
    if (!reader) {
      reader = new MultiFormatReader();
      reader.setHints(
        new Map<DecodeHintType, unknown>([
          [DecodeHintType.POSSIBLE_FORMATS, formats],
          [DecodeHintType.TRY_HARDER, options.tryHarder === true],
        ]),
      );
      readers.set(key, reader);
    }
    return reader;
  };
  return {
    name: 'zxing-js',
    async decode(image: RgbaImage, options: DecodeOptions = {}): Promise<DecodedBarcode[]> {
      checkImage(image);
      const source = new RGBLuminanceSource(toLuminance(image), image.width, image.height);
      const reader = readerFor(options);
      let result: Result;
      try {
        // decodeWithState: plain decode() would drop the hints (formats, try-harder) set on the reader.
        result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
      } catch (error) {
        // The library says "nothing here" by throwing; a half-read symbol is nothing too.
        if (error instanceof NotFoundException || error instanceof ChecksumException) return [];
        if (error instanceof FormatException) return [];
        throw error;
      } finally {
        // The DataBar readers keep the half-symbols they saw for the next call (it is meant for the rows
        // of one picture); left in, halves from earlier pictures pair up into codes nobody printed.
        reader.reset();
      }
      const barcode = fromResult(result);
      return barcode ? [barcode] : [];
    },
  };
}

function fromResult(result: Result): DecodedBarcode | null {
  const format = FROM_ZXING.get(result.getBarcodeFormat());
  if (!format) return null;
  const barcode: DecodedBarcode = { text: result.getText(), format };
  const aim = KNOWN_AIM[format];
  const addOn = result.getResultMetadata()?.get(ResultMetadataType.UPC_EAN_EXTENSION);
  if (typeof addOn === 'string' && addOn) {
    barcode.addOn = addOn;
    if (aim) barcode.symbologyIdentifier = ']E3';
  } else if (aim) barcode.symbologyIdentifier = aim;
  const points = result.getResultPoints() ?? [];
  if (points.length) barcode.position = points.map((p) => ({ x: p.getX(), y: p.getY() }));
  return barcode;
}
