// `openlane barcode <action>`: the barcode tools store IT uses on a label.
import { barcodeDecodeCommand } from './barcode-decode';
import { barcodeParseCommand } from './barcode-parse';
import { UsageError } from './args';

const USAGE = `Usage: openlane barcode parse CODE [--data DIR]
       Print what a scanned code means (and what the till would do with it) as JSON.
       openlane barcode decode IMAGE... [--engine NAME]
       Print the barcodes in PNG or JPEG images as JSON, one line per file.`;

const ACTIONS: Record<string, (args: string[]) => Promise<number>> = {
  parse: barcodeParseCommand,
  decode: barcodeDecodeCommand,
};

export async function barcodeCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === '--help' || action === '-h') {
    console.log(USAGE);
    return 0;
  }
  const run = action ? ACTIONS[action] : undefined;
  if (!run) throw new UsageError(USAGE);
  return run(rest);
}
