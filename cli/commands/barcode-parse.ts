// `openlane barcode parse CODE [--data DIR]`: what a scanned code means, as JSON, for store IT.
import { diagnoseScan } from '../../services/scan-diagnosis';
import { parse, UsageError } from './args';

export const BARCODE_PARSE_USAGE = `Usage: openlane barcode parse CODE [--data DIR]

Prints what a scanned code means as JSON: a retail code and the GTIN-14 it is found under, a scale
label's weight or price, a GS1 code's application identifiers (lot, serial, expiry…), a GS1 Digital
Link, a member, staff or wallet payment code — or why it is refused. Give CODE as the scanner sends
it, AIM identifier included (e.g. ]d2…); type a GS separator as <GS> or \\x1d.
--data DIR  use that terminal's settings (scale labels, code patterns) and say what its till would do.
A GS1 code missing an AI its rules require beside another (a lot without a GTIN) is still read; the
JSON lists it under "warnings" and each is also printed to stderr.
Exit status: 0 for a code OpenLane understands, 1 for one it refuses, 2 for a usage error.`;

/** Runs the command; resolves to the exit status. */
export async function barcodeParseCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(BARCODE_PARSE_USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, BARCODE_PARSE_USAGE);
  if (positionals.length !== 1) throw new UsageError(`give exactly one code\n\n${BARCODE_PARSE_USAGE}`);
  const code = positionals[0]!.replace(/<GS>|\\x1d|\\u001d/gi, '\u001d');
  const dataDir = values.data ?? process.env.OPENLANE_DATA ?? null;
  const diagnosis = diagnoseScan(code, dataDir);
  console.log(JSON.stringify(diagnosis, null, 2));
  const { interpretation } = diagnosis;
  if (interpretation.kind === 'gs1') {
    for (const warning of interpretation.warnings ?? []) console.error(`Warning: ${warning.message}`);
  }
  const refused = diagnosis.interpretation.kind === 'unrecognised' || diagnosis.till?.action === 'refuse';
  return refused ? 1 : 0;
}
