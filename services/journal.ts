// The terminal's tamper-evident journal as store IT and auditors reach it: proving the chain of the
// SQLite file in a data directory, without starting the terminal and without changing the file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyJournal, type JournalVerdict } from '../db/journal';
import { verifyZReports, type ZReportsVerdict } from '../db/journal-z';
import { openDatabase } from '../db/open';

/** The migration that created the journal. */
const JOURNAL_SCHEMA = 8;

/** The chain's verdict, and (once the chain is whole) each Z report's totals against its shift's entries. */
export type TerminalJournalVerdict = JournalVerdict & { database: string; zReports: ZReportsVerdict | null };

/** Whether the journal and every Z report hold. */
export function verdictHolds(verdict: TerminalJournalVerdict): boolean {
  return verdict.ok && (verdict.zReports?.ok ?? true);
}

/** Migration 16 created the shifts and their Z reports. */
const SHIFTS_SCHEMA = 16;

/**
 * Verifies the journal of DATA_DIR/openlane.db (see db/journal.ts verifyJournal). Throws, naming the
 * file, when there is no store there or it predates the journal. Applies no migrations: an auditor's
 * copy of a file is evidence, and verify must not write to it.
 */
export function verifyTerminalJournal(dataDir: string): TerminalJournalVerdict {
  // The file name openTerminalStore (services/store.ts) uses.
  const database = join(dataDir, 'openlane.db');
  if (!existsSync(database)) throw new Error(`There is no terminal store at ${database}`);
  const db = openDatabase(database, { skipMigrations: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < JOURNAL_SCHEMA) {
      throw new Error(
        `${database} is at schema version ${version}, from before the journal (${JOURNAL_SCHEMA}); ` +
          'start the terminal once to upgrade it',
      );
    }
    const chain = verifyJournal(db);
    // A Z report is summed from entries only a whole chain vouches for.
    const zReports = chain.ok && version >= SHIFTS_SCHEMA ? verifyZReports(db) : null;
    return { database, ...chain, zReports };
  } finally {
    db.close();
  }
}

/** One line a person reads: whole, or where it breaks and how; then any Z report that does not add up. */
export function describeVerdict(verdict: JournalVerdict & { zReports?: ZReportsVerdict | null }): string {
  const z = verdict.zReports;
  // A terminal that never closed a shift has nothing more to say.
  if (!z || (z.ok && z.checked === 0)) return describeChain(verdict);
  if (z.ok) return `${describeChain(verdict)} ${z.checked} Z report(s) equal their shift's journal entries.`;
  return (
    `${describeChain(verdict)} But Z report ${z.number} of terminal ${z.terminalId} does not add up: ` +
    `its ${z.figure} is ${JSON.stringify(z.report)} where its shift's journal entries sum to ${JSON.stringify(z.journal)}.`
  );
}

function describeChain(verdict: JournalVerdict): string {
  if (verdict.ok) {
    const head = verdict.head
      ? `${verdict.head.seq === 1 ? 'entry 1' : `entries 1–${verdict.head.seq}`} chained, ` +
        `head ${verdict.head.hash.slice(0, 16)}…`
      : 'no entries yet';
    const triggers = verdict.appendOnlyTriggers ? '' : ' (warning: the append-only triggers are missing)';
    return `Journal intact: ${head}; ${verdict.matchedOutboxCopies} match their copy for HQ${triggers}.`;
  }
  const what = [
    verdict.kind ?? 'entry of unknown kind',
    verdict.receiptNumber && `receipt ${verdict.receiptNumber}`,
  ]
    .filter(Boolean)
    .join(', ');
  const intact =
    verdict.intactThrough > 0 ? `entries 1–${verdict.intactThrough} are intact` : 'no entry before it';
  return `Journal broken at seq ${verdict.seq} (${what}): ${verdict.problem} — ${verdict.detail}; ${intact}.`;
}
