// Camera and image decoding: one interface, two engines, and the agreement rule for streams.
export { createAgreementFilter, type AgreementFilter, type AgreementOptions } from './agreement';
export { createZxingJsDecoder } from './zxing-js';
export { createZxingWasmDecoder, type ZxingWasmSource } from './zxing-wasm';
export {
  asScannedText,
  CAMERA_DECODE_OPTIONS,
  checkImage,
  DEFAULT_FORMATS,
  isErrorCorrected,
  type BarcodeDecoder,
  type BarcodeFormatName,
  type DecodedBarcode,
  type DecodeOptions,
  type Point,
  type RgbaImage,
} from './types';
