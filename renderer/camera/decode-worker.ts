// The camera's barcode decoder, in a Web Worker so decoding never stutters the screen. It runs the
// engine that measures best (zxing-wasm, see docs/benchmarks.md) through core's one decoder
// interface; the .wasm is bundled with the app and served from our own origin — never from a CDN.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { CAMERA_DECODE_OPTIONS } from '../../core/barcode/decode/types';
import { createZxingWasmDecoder } from '../../core/barcode/decode/zxing-wasm';
import type { DecodeRequest, DecodeResponse } from './protocol';

const decoder = createZxingWasmDecoder({
  locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
});

self.onmessage = async (message: MessageEvent<DecodeRequest>) => {
  const { id, image } = message.data;
  const started = performance.now();
  let response: DecodeResponse;
  try {
    const barcodes = await decoder.decode(image, CAMERA_DECODE_OPTIONS);
    response = { id, ms: performance.now() - started, barcodes };
  } catch (error) {
    response = { id, ms: performance.now() - started, barcodes: [], error: (error as Error).message };
  }
  (self as unknown as Worker).postMessage(response);
};
