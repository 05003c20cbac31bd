// Barcode decoding over ZXing's whole black-box corpus, every engine side by side in one run, through the
// same BarcodeDecoder interface the camera uses. The corpus (87 MB of it here) is not in the repository (the tests use
// a few of its pictures, in test/fixtures): it is read from OPENLANE_FIXTURES, or from the workspace's
// ../shared/fixtures beside the repository; without it these rows are skipped and the bench says where
// to get it.
// For each picture:
// - Camera mode: each picture centred on a grey 1280×720 RGBA frame (shrunk to fit if larger), decoded
//   as the camera does (CAMERA_DECODE_OPTIONS: an engine may cycle passes over successive frames, and a
//   picture counts once one of its passes reads it); per folder, pictures read right (text equal to N.txt)
//   against ZXing's required "normal, 0°" count, wrong reads (a code read, but not the one printed),
//   and reads on the no-barcode folders; the time of each decode call gives median and p90 ms/frame.
// - Still-image mode (what `openlane barcode decode` does): the original picture with try-harder,
//   against ZXing's try-harder counts; summarised as folders below the count, wrong and false reads.
// The required counts are ZXing's Java test thresholds (its *BlackBox*TestCase classes), as listed in
// ../shared/fixtures/README.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import {
  CAMERA_DECODE_OPTIONS,
  type BarcodeDecoder,
  type DecodedBarcode,
  type DecodeOptions,
  type RgbaImage,
} from '../../core/barcode/decode';
import { createDecoder, DEFAULT_ENGINE, ENGINES } from '../../services/barcode-decode';
import { percentile, type BenchRow } from './table';

/** Where ZXing keeps the corpus, for the message when it is missing. */
const CORPUS_SOURCE = 'github.com/zxing/zxing, folder core/src/test/resources/blackbox';

/**
 * The corpus folder: OPENLANE_FIXTURES (a folder holding zxing-blackbox/, or ZXing's blackbox folder
 * itself), else ../shared/fixtures/zxing-blackbox beside the repository; undefined when neither exists.
 */
export function findCorpus(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.OPENLANE_FIXTURES
    ? [join(env.OPENLANE_FIXTURES, 'zxing-blackbox'), env.OPENLANE_FIXTURES]
    : [fileURLToPath(new URL('../../../shared/fixtures/zxing-blackbox', import.meta.url))];
  return candidates.find((dir) => existsSync(join(dir, 'ean13-1')));
}

function corpusMissing(env: NodeJS.ProcessEnv = process.env): BenchRow[] {
  const where = env.OPENLANE_FIXTURES
    ? `OPENLANE_FIXTURES=${env.OPENLANE_FIXTURES} holds no zxing-blackbox/ (nor ZXing's blackbox folders)`
    : 'OPENLANE_FIXTURES is not set and there is no ../shared/fixtures beside the repository';
  console.error(
    `bench: decode skipped: ZXing's black-box corpus was not found (${where}).\n` +
      `  Get it from ${CORPUS_SOURCE} (Apache-2.0), e.g. a sparse git checkout of that folder,\n` +
      '  and run again with OPENLANE_FIXTURES set to it.',
  );
  return [
    {
      name: "decode over ZXing's black-box corpus",
      value: 'skipped: corpus not found',
      target: `set OPENLANE_FIXTURES (${CORPUS_SOURCE})`,
    },
  ];
}

/** [normal, try-harder] at 0°, from the fixtures README (ZXing's own black-box tests). */
const REQUIRED: Record<string, [number, number]> = {
  'ean13-1': [30, 32], 'ean13-2': [12, 17], 'ean13-3': [53, 55], 'ean13-4': [6, 13], 'ean13-5': [0, 0],
  'ean8-1': [8, 8],
  'upca-1': [14, 18], 'upca-2': [28, 36], 'upca-3': [7, 9], 'upca-4': [9, 11], 'upca-5': [20, 23], 'upca-6': [0, 0],
  'upce-1': [3, 3], 'upce-2': [31, 35], 'upce-3': [6, 8],
  'code128-1': [7, 7], 'code128-2': [36, 39], 'code128-3': [2, 2],
  'qrcode-1': [17, 17], 'qrcode-2': [32, 32], 'qrcode-3': [38, 38], 'qrcode-4': [36, 36], 'qrcode-5': [19, 19],
  'qrcode-6': [15, 15],
  'datamatrix-1': [23, 23], 'datamatrix-2': [13, 13], 'datamatrix-3': [18, 18],
}; // prettier-ignore

const FRAME = { width: 1280, height: 720 };

interface Tally {
  right: number;
  wrong: number;
  /** Pictures with no barcode in which something was read. */
  falseReads: number;
}
interface Picture {
  image: RgbaImage;
  frame: RgbaImage;
  /** null for the no-barcode folders. */
  expected: string | null;
}
interface EngineRun {
  decoder: BarcodeDecoder;
  frameMs: number[];
  /** folder → [camera mode, still-image mode] */
  folders: Map<string, [Tally, Tally]>;
}

export async function benchDecode(): Promise<BenchRow[]> {
  const corpus = findCorpus();
  if (!corpus) return corpusMissing();
  const runs: EngineRun[] = [DEFAULT_ENGINE, ...ENGINES.filter((e) => e !== DEFAULT_ENGINE)].map((name) => ({
    decoder: createDecoder(name),
    frameMs: [],
    folders: new Map(),
  }));
  // The folders ZXing gives counts for, and the no-barcode and add-on folders; a checkout of ZXing's
  // own folder also holds formats the till does not read (Aztec, PDF417 …), which are left out.
  const folders = readdirSync(corpus)
    .filter((f) => f in REQUIRED || f.startsWith('falsepositives') || f.startsWith('upcean-extension'))
    .sort();
  const sizes = new Map<string, number>();
  for (const run of runs) await run.decoder.decode(blankFrame()); // instantiate wasm outside the timings
  for (const folder of folders) {
    const pictures = loadFolder(corpus, folder);
    sizes.set(folder, pictures.length);
    for (const run of runs) run.folders.set(folder, await decodeFolder(run, pictures));
  }
  return [
    ...folders.map((folder) => folderRow(folder, sizes.get(folder) ?? 0, runs)),
    ...runs.flatMap((run) => summaryRows(run, runs[runs.length - 1]!)),
  ];
}

async function decodeFolder(run: EngineRun, pictures: Picture[]): Promise<[Tally, Tally]> {
  const camera: Tally = { right: 0, wrong: 0, falseReads: 0 };
  const still: Tally = { right: 0, wrong: 0, falseReads: 0 };
  for (const picture of pictures) {
    // The camera cycles its passes frame by frame while a code is held in view: a picture counts as
    // read when one of the passes reads it, and every pass is timed as the frame it is.
    const frameReads: DecodedBarcode[] = [];
    for (let pass = 0; pass < (run.decoder.streamPasses ?? 1); pass++) {
      const started = performance.now();
      frameReads.push(...(await run.decoder.decode(picture.frame, { ...CAMERA_DECODE_OPTIONS, pass })));
      run.frameMs.push(performance.now() - started);
    }
    score(
      camera,
      picture.expected,
      frameReads.map((b) => b.text),
    );
    const thorough = await run.decoder.decode(picture.image, { tryHarder: true } satisfies DecodeOptions);
    score(
      still,
      picture.expected,
      thorough.map((b) => b.text),
    );
  }
  return [camera, still];
}

function score(tally: Tally, expected: string | null, texts: string[]): void {
  if (expected === null) tally.falseReads += texts.length ? 1 : 0;
  else if (texts.includes(expected)) tally.right++;
  else if (texts.length) tally.wrong++;
}

function folderRow(folder: string, size: number, runs: EngineRun[]): BenchRow {
  const noBarcode = folder.startsWith('falsepositives');
  const required = REQUIRED[folder]?.[0];
  const cell = (run: EngineRun) => {
    const [camera] = run.folders.get(folder)!;
    if (noBarcode) return `${run.decoder.name} ${camera.falseReads} of ${size} pictures read`;
    return `${run.decoder.name} ${camera.right}/${size}${camera.wrong ? ` (${camera.wrong} wrong)` : ''}`;
  };
  const [first, ...others] = runs;
  const [camera] = first!.folders.get(folder)!;
  return {
    name: `decode ${folder}, 720p frame, camera mode`,
    value: cell(first!),
    baseline: others.map(cell).join('; '),
    target: noBarcode ? '0 read' : required === undefined ? 'no ZXing count' : `≥ ${required} (ZXing)`,
    met: noBarcode ? camera.falseReads === 0 : required === undefined ? undefined : camera.right >= required,
  };
}

function summaryRows(run: EngineRun, baseline: EngineRun): BenchRow[] {
  const name = run.decoder.name;
  const totals = (mode: 0 | 1) => {
    let below = 0;
    let right = 0;
    let wrong = 0;
    let falseReads = 0;
    for (const [folder, tallies] of run.folders) {
      const t = tallies[mode];
      const required = REQUIRED[folder]?.[mode];
      if (required !== undefined && t.right < required) below++;
      right += t.right;
      wrong += t.wrong;
      falseReads += t.falseReads;
    }
    return {
      below,
      right,
      wrong,
      falseReads,
      text: `${below} / ${wrong} / ${falseReads} (${right} read right)`,
    };
  };
  const camera = totals(0);
  const still = totals(1);
  const p50 = percentile(run.frameMs, 50);
  const p90 = percentile(run.frameMs, 90);
  const speed =
    run === baseline
      ? undefined
      : `${baseline.decoder.name} ${percentile(baseline.frameMs, 50).toFixed(1)} / ${percentile(baseline.frameMs, 90).toFixed(1)} ms (p90 ${(percentile(baseline.frameMs, 90) / p90).toFixed(1)}× slower)`;
  return [
    {
      name: `decode ${name}, camera mode on 720p frames: folders below ZXing's count / wrong reads / no-barcode pictures read`,
      value: camera.text,
      target: '0 / 0 / 0',
      met: camera.below === 0 && camera.wrong === 0 && camera.falseReads === 0,
    },
    {
      name: `decode ${name}, try-harder on the original pictures (as the CLI): the same three`,
      value: still.text,
      target: '0 / 0 / 0',
      met: still.below === 0 && still.wrong === 0 && still.falseReads === 0,
    },
    {
      name: `decode ${name}: ms per 1280×720 frame, median / p90 (${run.frameMs.length} frames)`,
      value: `${p50.toFixed(1)} / ${p90.toFixed(1)} ms`,
      baseline: speed,
      target: 'p90 ≤ 20 ms',
      met: p90 <= 20,
    },
  ];
}

function loadFolder(corpus: string, folder: string): Picture[] {
  const noBarcode = folder.startsWith('falsepositives');
  return readdirSync(join(corpus, folder))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((file) => {
      const image = readPng(join(corpus, folder, file));
      const expected = noBarcode
        ? null
        : readFileSync(join(corpus, folder, file.replace(/\.png$/, '.txt')), 'utf8');
      return { image, frame: onFrame(image), expected };
    });
}

function readPng(path: string): RgbaImage {
  const png = PNG.sync.read(readFileSync(path));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

function blankFrame(): RgbaImage {
  return { ...FRAME, data: new Uint8ClampedArray(FRAME.width * FRAME.height * 4).fill(128) };
}

/** The picture centred on a grey 1280×720 frame, shrunk by averaging pixel boxes if it does not fit. */
function onFrame(image: RgbaImage): RgbaImage {
  const frame = blankFrame();
  const scale = Math.min(1, FRAME.width / image.width, FRAME.height / image.height);
  const w = Math.floor(image.width * scale);
  const h = Math.floor(image.height * scale);
  const left = (FRAME.width - w) >> 1;
  const top = (FRAME.height - h) >> 1;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y / scale);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) / scale));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x / scale);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) / scale));
      const d = ((top + y) * FRAME.width + left + x) * 4;
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++)
          for (let sx = x0; sx < x1; sx++) sum += image.data[(sy * image.width + sx) * 4 + c]!;
        frame.data[d + c] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return frame;
}
