// The camera's barcode decoder, in a Web Worker so decoding never stutters the screen.
// zxing-wasm (zxing-cpp built to WebAssembly); its .wasm is bundled with the app and served
// from our own origin — never from a CDN.
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { DecodeRequest, DecodeResponse } from './protocol';

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
});

const OPTIONS: ReaderOptions = {
  tryHarder: true,
  maxNumberOfSymbols: 4,
  // What a store meets: EAN/UPC (with add-ons), GS1-128, GS1 DataBar, QR and DataMatrix.
  formats: ['EANUPC', 'Code128', 'DataBar', 'QRCode', 'DataMatrix'],
};

self.onmessage = async (message: MessageEvent<DecodeRequest>) => {
  const { id, image } = message.data;
  const started = performance.now();
  let response: DecodeResponse;
  try {
    const results = await readBarcodes(image, OPTIONS);
    response = {
      id,
      ms: performance.now() - started,
      barcodes: results
        .filter((r) => r.isValid)
        .map((r) => ({ text: r.text, format: r.format, symbologyIdentifier: r.symbologyIdentifier })),
    };
  } catch (error) {
    response = { id, ms: performance.now() - started, barcodes: [], error: (error as Error).message };
  }
  (self as unknown as Worker).postMessage(response);
};
