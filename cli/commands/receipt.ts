// `openlane receipt reprint [NUMBER]`: prints a sale's receipt again, marked COPY / 副本.
import { reprintReceipt } from '../../services/receipts/reprint';
import { resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane receipt reprint [NUMBER] [--data DIR]

Prints the receipt of sale NUMBER (e.g. S001-K01-000042), or of the last sale without one, on the
receipt printer in DATA_DIR/settings.json. The copy says COPY / 副本 at the top and bottom.`;

export async function receiptCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, USAGE);
  const [action, number, ...rest] = positionals;
  if (action !== 'reprint' || rest.length > 0) throw new UsageError(USAGE);
  const result = await reprintReceipt(resolveDataDir(values.data), number);
  if (!result.ok) {
    console.error(`openlane receipt reprint: ${result.error.message}`);
    return 1;
  }
  console.log(`Reprinted receipt ${result.value.receiptNumber} on ${result.value.printer}.`);
  return 0;
}
