// `openlane journal verify`: proves this terminal's hash-chained journal, or names the first entry that
// was edited, removed or reordered.
import { describeVerdict, verdictHolds, verifyTerminalJournal } from '../../services/journal';
import { resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane journal verify [--data DIR]

Checks every entry of DATA_DIR/openlane.db's journal from seq 1: no seq missing or out of place, each
entry's SHA-256 over the previous hash and its canonical JSON, and each entry equal to its copy queued
for HQ; then each Z report's totals against the sum of its shift's journal entries (float, sales,
pay-ins, pay-outs, no-sales, counted cash, the figures journalled at close), naming the Z and the figure
(zReports: { ok, checked } or { ok: false, terminalId, number, figure, journal, report }).
Reads only; the file is not changed.
Prints one line for a person on stderr and JSON on stdout:
  { ok: true, count, head: { seq, hash }, matchedOutboxCopies, appendOnlyTriggers, database }
  { ok: false, seq, problem: edited|removed|reordered, kind, receiptNumber, detail, intactThrough, ... }
Exits 0 when the chain is whole and every Z report adds up, 1 when not (or the store cannot be read).`;

export async function journalCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, USAGE);
  if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError(USAGE);
  const verdict = verifyTerminalJournal(resolveDataDir(values.data));
  console.error(describeVerdict(verdict));
  console.log(JSON.stringify(verdict, null, 2));
  return verdictHolds(verdict) ? 0 : 1;
}
