// Messages between the camera view and its decoding worker.
export interface DecodeRequest {
  id: number;
  image: ImageData;
}

export interface CameraBarcode {
  text: string;
  /** zxing-wasm's format name, e.g. "EAN13", "QRCode". */
  format: string;
  /** The AIM identifier (e.g. "]E0"), which tells a GS1 code from a plain one. */
  symbologyIdentifier: string;
}

export interface DecodeResponse {
  id: number;
  ms: number;
  barcodes: CameraBarcode[];
  error?: string;
}
