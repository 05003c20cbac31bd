// `openlane barcode <action>`: the barcode tools store IT uses on a label.
import { barcodeDecodeCommand } from './barcode-decode';
import { UsageError } from './args';

const USAGE = `Usage: openlane barcode decode IMAGE... [--engine NAME]
       Print the barcodes in PNG or JPEG images as JSON, one line per file.`;

const ACTIONS: Record<string, (args: string[]) => Promise<number>> = {
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
