// Barcode decoding over ZXing's black-box photographs (../shared/fixtures/zxing-blackbox), for each
// engine side by side in one run: images read correctly per folder against the count ZXing's own
// tests require (try-harder, 0°; fixtures README), wrong reads, reads on the no-barcode folders, and
// the time to decode one 1280×720 frame (each picture centred on a grey 720p frame, scaled down if
// larger) as median and p90.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { expandUpcE } from '../../core/barcode/upc-e';
import { percentile, type BenchRow } from './table';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/zxing-blackbox', import.meta.url));

/** ZXing's required try-harder counts at 0° (the fixtures README, from ZXing's Java tests). */
const REQUIRED: Record<string, number> = {
  'ean13-1': 32, 'ean13-2': 17, 'ean13-3': 55, 'ean13-4': 13, 'ean13-5': 0, 'ean8-1': 8,
  'upca-1': 18, 'upca-2': 36, 'upca-3': 9, 'upca-4': 11, 'upca-5': 23, 'upca-6': 0,
  'upce-1': 3, 'upce-2': 35, 'upce-3': 8, 'code128-1': 7, 'code128-2': 39, 'code128-3': 2,
  'qrcode-1': 17, 'qrcode-2': 32, 'qrcode-3': 38, 'qrcode-4': 36, 'qrcode-5': 19, 'qrcode-6': 15,
  'datamatrix-1': 23, 'datamatrix-2': 13, 'datamatrix-3': 18,
}; // prettier-ignore

interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}
type Engine = { name: string; decode(image: Rgba): Promise<string[]> };

export async function benchDecode(): Promise<BenchRow[]> {
  const engines = [zxingWasm(), zxingJs()];
  const folders = readdirSync(FIXTURES).sort();
  const rows: BenchRow[] = [];
  const frameMs = new Map<string, number[]>(engines.map((e) => [e.name, []]));
  const totals = new Map<string, { below: number; wrong: number; falseReads: number }>(
    engines.map((e) => [e.name, { below: 0, wrong: 0, falseReads: 0 }]),
  );

  for (const folder of folders) {
    const pictures = readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.png'));
    const falsePositives = folder.startsWith('falsepositives');
    const per = engines.map(() => ({ right: 0, wrong: 0 }));
    for (const picture of pictures) {
      const image = readPng(join(FIXTURES, folder, picture));
      const frame = onFrame(image);
      const expected = falsePositives
        ? null
        : readFileSync(join(FIXTURES, folder, picture.replace(/\.png$/, '.txt')), 'utf8');
      for (const [i, engine] of engines.entries()) {
        const texts = await engine.decode(image);
        if (expected === null) per[i]!.wrong += texts.length;
        else if (texts.some((text) => sameCode(text, expected))) per[i]!.right++;
        else if (texts.length) per[i]!.wrong++;
        const started = performance.now();
        await engine.decode(frame);
        frameMs.get(engine.name)!.push(performance.now() - started);
      }
    }
    const cells = engines.map((engine, i) => {
      const t = totals.get(engine.name)!;
      if (falsePositives) {
        t.falseReads += per[i]!.wrong;
        return `${engine.name} ${per[i]!.wrong} reads`;
      }
      const required = REQUIRED[folder] ?? 0;
      if (per[i]!.right < required) t.below++;
      t.wrong += per[i]!.wrong;
      return `${engine.name} ${per[i]!.right}/${pictures.length}${per[i]!.wrong ? ` (${per[i]!.wrong} wrong)` : ''}`;
    });
    rows.push({
      name: `decode ${folder}`,
      value: cells[0]!,
      baseline: cells[1],
      target: falsePositives ? '0 reads' : `≥ ${REQUIRED[folder] ?? 0}`,
      met: falsePositives ? per[0]!.wrong === 0 : per[0]!.right >= (REQUIRED[folder] ?? 0),
    });
  }
  for (const engine of engines) {
    const samples = frameMs.get(engine.name)!;
    const t = totals.get(engine.name)!;
    rows.push({
      name: `decode ${engine.name}: folders below ZXing's count / wrong reads / reads on no-barcode pictures`,
      value: `${t.below} / ${t.wrong} / ${t.falseReads}`,
      target: '0 / 0 / 0',
      met: t.below === 0 && t.wrong === 0 && t.falseReads === 0,
    });
    rows.push({
      name: `decode ${engine.name}: ms per 1280×720 frame, median / p90 (${samples.length} frames)`,
      value: `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 90).toFixed(1)} ms`,
      target: 'p90 ≤ 20 ms',
      met: percentile(samples, 90) <= 20,
    });
  }
  return rows;
}

function zxingWasm(): Engine {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.length) },
  });
  return {
    name: 'zxing-wasm',
    async decode(image) {
      const results = await readBarcodes({ ...image, colorSpace: 'srgb' } as ImageData, {
        tryHarder: true,
        formats: ['EANUPC', 'Code128', 'DataBar', 'QRCode', 'DataMatrix'],
      });
      return results.filter((r) => r.isValid).map((r) => r.text);
    },
  };
}

function zxingJs(): Engine {
  const reader = new MultiFormatReader();
  const formats = [
    BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E,
    BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX,
  ]; // prettier-ignore
  reader.setHints(
    new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, formats],
      [DecodeHintType.TRY_HARDER, true],
    ]),
  );
  return {
    name: '@zxing/library',
    async decode(image) {
      const luminance = new Uint8ClampedArray(image.width * image.height);
      for (let i = 0; i < luminance.length; i++) {
        const p = i * 4;
        luminance[i] = (image.data[p]! * 306 + image.data[p + 1]! * 601 + image.data[p + 2]! * 117) >> 10;
      }
      try {
        const source = new RGBLuminanceSource(luminance, image.width, image.height);
        return [reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText()];
      } catch {
        return []; // NotFoundException and friends: nothing read
      }
    },
  };
}

/**
 * The same code, as a checkout compares them: retail codes by GTIN-14, so zxing-cpp's 13-digit form of
 * a UPC-A (and an expanded UPC-E) matches the 12- and 8-digit texts ZXing's Java tests expect.
 */
function sameCode(got: string, expected: string): boolean {
  if (got === expected) return true;
  if (!/^\d{8,14}$/.test(got) || !/^\d{8,14}$/.test(expected)) return false;
  const forms = (code: string) =>
    [code, expandUpcE(code)].filter((c): c is string => !!c).map((c) => c.padStart(14, '0'));
  return forms(got).some((form) => forms(expected).includes(form));
}

function readPng(path: string): Rgba {
  const png = PNG.sync.read(readFileSync(path));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

/** The picture centred on a grey 1280×720 frame, shrunk (nearest neighbour) if it does not fit. */
function onFrame(image: Rgba): Rgba {
  const width = 1280;
  const height = 720;
  const scale = Math.min(1, width / image.width, height / image.height);
  const w = Math.floor(image.width * scale);
  const h = Math.floor(image.height * scale);
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  const left = (width - w) >> 1;
  const top = (height - h) >> 1;
  for (let y = 0; y < h; y++) {
    const sy = Math.floor(y / scale);
    for (let x = 0; x < w; x++) {
      const s = (sy * image.width + Math.floor(x / scale)) * 4;
      const d = ((top + y) * width + left + x) * 4;
      data.set(image.data.subarray(s, s + 4), d);
    }
  }
  return { data, width, height };
}
