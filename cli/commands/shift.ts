// `openlane shift report`: the X report of the open shift, or Z report N, as text or JSON.
import { loadSettings } from '../../services/settings';
import { readShiftReport, shiftReportText } from '../../services/shift/shift-report';
import { resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane shift report [--z N] [--json] [--data DIR]

Prints the X report of this counter's open shift (its figures now: sales, tenders by kind, cash
rounding, change, refunds, voids, float, pay-ins, pay-outs, no-sales, expected cash), or with --z N
its Z report N (as closed: counted cash, difference, approver). Reads only.
  --json  the report as JSON: { kind: "X", shift, figures, at } or { kind: "Z", z }
Exits 1 when there is no open shift (or no Z report N).`;

export async function shiftCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(
    args,
    { z: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' } },
    USAGE,
  );
  if (positionals.length !== 1 || positionals[0] !== 'report') throw new UsageError(USAGE);
  if (values.z !== undefined && !/^[1-9]\d{0,8}$/.test(values.z))
    throw new UsageError(`--z takes a Z report number (1 or more), not "${values.z}"`);
  const dataDir = resolveDataDir(values.data);
  const subject = readShiftReport(dataDir, values.z === undefined ? undefined : Number(values.z));
  console.log(
    values.json
      ? JSON.stringify(subject, null, 2)
      : shiftReportText(subject, loadSettings(dataDir).storeName),
  );
  return 0;
}
