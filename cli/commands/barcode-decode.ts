// `openlane barcode decode IMAGE… [--engine zxing-wasm|zxing-js]`: what barcodes an image holds, as
// store IT sees a label. Output is JSON Lines — one object per file, in the order given — so a script
// can stream it and a failing file never hides the others.
import { decodeImageFile, DEFAULT_ENGINE, ENGINES, type EngineName } from '../../services/barcode-decode';
import { parse, UsageError } from './args';

export const BARCODE_DECODE_USAGE = `Usage: openlane barcode decode IMAGE... [--engine ${ENGINES.join('|')}]

Decodes the barcodes in PNG or JPEG images and prints one JSON object per file, one per line:
  {"file":"…","ok":true,"barcodes":[{"text":"…","format":"EAN-13","symbologyIdentifier":"]E0"}]}
  {"file":"…","ok":false,"barcodes":[],"error":{"code":"file_not_found","message":"…"}}
Formats: EAN-13, EAN-8, UPC-A, UPC-E (8 digits as printed), Code128, DataBar, DataBarExpanded,
DataBarLimited, QRCode, DataMatrix. "addOn" appears when a 2- or 5-digit EAN add-on was read.
--engine  the decoder (default ${DEFAULT_ENGINE}, the one that measures best in \`npm run bench\`).
Exit status: 0 when every file held at least one barcode, 1 otherwise, 2 for a usage error.`;

/** Runs the command; resolves to the exit status. Usage errors are printed here and give 2. */
export async function barcodeDecodeCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(BARCODE_DECODE_USAGE);
    return 0;
  }
  let files: string[];
  let engine: EngineName;
  try {
    ({ files, engine } = parseDecodeArgs(args));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`openlane barcode decode: ${error.message}`);
    return 2;
  }
  let everyFileHadOne = true;
  for (const file of files) {
    const result = await decodeImageFile(file, { engine });
    if (!result.ok || result.barcodes.length === 0) everyFileHadOne = false;
    const barcodes = result.barcodes.map(({ text, format, symbologyIdentifier, addOn }) => ({
      text,
      format,
      symbologyIdentifier,
      ...(addOn ? { addOn } : {}),
    }));
    console.log(JSON.stringify(result.ok ? { file, ok: true, barcodes } : { ...result, barcodes }));
  }
  return everyFileHadOne ? 0 : 1;
}

function parseDecodeArgs(args: string[]): { files: string[]; engine: EngineName } {
  const { values, positionals } = parse(args, { engine: { type: 'string' } }, BARCODE_DECODE_USAGE);
  const engine = values.engine ?? DEFAULT_ENGINE;
  if (!(ENGINES as readonly string[]).includes(engine))
    throw new UsageError(
      `--engine must be one of ${ENGINES.join(', ')}, not "${engine}"\n\n${BARCODE_DECODE_USAGE}`,
    );
  if (positionals.length === 0)
    throw new UsageError(`give at least one image file\n\n${BARCODE_DECODE_USAGE}`);
  return { files: positionals, engine: engine as EngineName };
}
