// `openlane barcode decode IMAGE…`: what barcodes an image holds, as store IT sees a label.
import { decodeImageFile } from '../../services/barcode-decode';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane barcode decode IMAGE...

Decodes the barcodes in PNG or JPEG images and prints one JSON object per file, one per line:
  {"file":"…","ok":true,"barcodes":[{"text":"…","format":"EAN13","symbologyIdentifier":"]E0"}]}
Exit status: 0 when every file held at least one barcode, 1 otherwise, 2 for a usage error.`;

export async function barcodeCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { positionals } = parse(args, {}, USAGE);
  const [action, ...files] = positionals;
  if (action !== 'decode' || files.length === 0) throw new UsageError(USAGE);
  let allFound = true;
  for (const file of files) {
    const result = await decodeImageFile(file);
    if (!result.ok || result.barcodes.length === 0) allFound = false;
    console.log(JSON.stringify(result));
  }
  return allFound ? 0 : 1;
}
