// Messages between the camera view and its decoding worker.
import type { DecodedBarcode } from '../../core/barcode/decode/types';

export interface DecodeRequest {
  id: number;
  image: ImageData;
}

export interface DecodeResponse {
  id: number;
  ms: number;
  barcodes: DecodedBarcode[];
  error?: string;
}
