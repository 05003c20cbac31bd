// The tamper-evident journal: appending an entry inside the transaction of the change it records, and
// proving the chain. The entry model and its canonical form are in core/journal; the hashing is here.
//
// Each entry is stored as its canonical JSON (its own seq, kind, ids and time included) with
// hash = sha256(prev_hash + entry) and prev_hash = the previous entry's hash (64 zeros for entry 1).
// Each append also queues a `journal.appended` outbox event carrying the entry and both hashes, so HQ
// holds a copy, and verify can compare the local chain with the copies still in the outbox.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  GENESIS_HASH,
  JOURNAL_FORMAT,
  canonicalJson,
  chainInput,
  entryReceiptNumber,
  isJournalKind,
  type JournalEntry,
  type JournalKind,
  type JournalRecord,
} from '../core/journal';
import { appendEvent } from './outbox';

/** The outbox event type that carries each entry to HQ. */
export const JOURNAL_EVENT = 'journal.appended';

export interface TerminalIds {
  storeId: string;
  terminalId: string;
}

export interface AppendedEntry {
  seq: number;
  kind: JournalKind;
  prevHash: string;
  hash: string;
  record: JournalRecord;
}

/** The `journal.appended` event payload. */
export interface JournalEventPayload {
  seq: number;
  kind: JournalKind;
  prevHash: string;
  hash: string;
  entry: JournalRecord;
}

/** sha256 of a chain input (core/journal chainInput), lower-case hex. */
export function journalHash(prevHash: string, canonicalEntry: string): string {
  return createHash('sha256').update(chainInput(prevHash, canonicalEntry), 'utf8').digest('hex');
}

/**
 * Appends an entry as the next seq, chained to the last one, with its outbox event. Call it INSIDE the
 * transaction of the change it records, so the change, the entry and the event commit together; a
 * rolled-back change gives its seq back, so the sequence has no gaps. `terminal` defaults to the ids
 * bound by bindJournalTerminal (null if none was).
 */
export function appendJournal(
  db: Database.Database,
  entry: JournalEntry,
  at: Date = new Date(),
  terminal: TerminalIds | null = boundTerminal(db),
): AppendedEntry {
  if (!db.inTransaction) {
    throw new Error(`appendJournal(${entry.kind}) must run inside the transaction of the change it records`);
  }
  const last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const writtenAt = at.toISOString();
  const record = {
    v: JOURNAL_FORMAT,
    seq,
    storeId: terminal?.storeId ?? null,
    terminalId: terminal?.terminalId ?? null,
    writtenAt,
    ...entry,
  } as JournalRecord;
  // Throws on a float or a non-JSON value: the change is refused rather than journalled ambiguously.
  const text = canonicalJson(record);
  const hash = journalHash(prevHash, text);
  db.prepare(
    `INSERT INTO journal (seq, kind, entry, prev_hash, hash, written_at, store_id, terminal_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(seq, entry.kind, text, prevHash, hash, writtenAt, record.storeId, record.terminalId);
  const payload: JournalEventPayload = { seq, kind: entry.kind, prevHash, hash, entry: record };
  appendEvent(db, JOURNAL_EVENT, payload, at);
  return { seq, kind: entry.kind, prevHash, hash, record };
}

/** Records who this terminal is, for entries whose change does not name it. Idempotent. */
export function bindJournalTerminal(db: Database.Database, ids: TerminalIds): void {
  db.prepare(
    `INSERT INTO journal_terminal (id, store_id, terminal_id) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, terminal_id = excluded.terminal_id
     WHERE store_id IS NOT excluded.store_id OR terminal_id IS NOT excluded.terminal_id`,
  ).run(ids.storeId, ids.terminalId);
}

/** The ids bound by bindJournalTerminal, or null. */
export function boundTerminal(db: Database.Database): TerminalIds | null {
  const row = db.prepare('SELECT store_id, terminal_id FROM journal_terminal WHERE id = 1').get() as
    { store_id: string; terminal_id: string } | undefined;
  return row ? { storeId: row.store_id, terminalId: row.terminal_id } : null;
}

/** Every entry in seq order, as written (for tests, exports and an auditor's eyes). */
export function journalEntries(db: Database.Database, fromSeq = 1, limit = 1000): JournalRecord[] {
  const rows = db
    .prepare('SELECT entry FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?')
    .pluck()
    .all(fromSeq, limit) as string[];
  return rows.map((text) => JSON.parse(text) as JournalRecord);
}

export type JournalProblem = 'edited' | 'removed' | 'reordered';

/** What verify found: the chain whole, or the first entry that is not what was written. */
export type JournalVerdict =
  | {
      ok: true;
      /** Entries in the journal. */
      count: number;
      head: { seq: number; hash: string } | null;
      /** Entries also matched against their copy in the outbox (the copy HQ receives). */
      matchedOutboxCopies: number;
      /** Whether the append-only triggers are in place (their absence alone proves nothing was changed). */
      appendOnlyTriggers: boolean;
    }
  | {
      ok: false;
      count: number;
      /** The first seq that is not what was written (for a removal: the missing seq). */
      seq: number;
      problem: JournalProblem;
      /** The entry's kind and receipt number as first written, when the outbox copy or the entry says. */
      kind: JournalKind | null;
      receiptNumber: string | null;
      detail: string;
      /** The last seq up to which the chain is whole (0: none). */
      intactThrough: number;
      appendOnlyTriggers: boolean;
    };

interface JournalRow {
  seq: number;
  kind: string;
  entry: string;
  prev_hash: string;
  hash: string;
  written_at: string;
  store_id: string | null;
  terminal_id: string | null;
}

/** An entry as the outbox copy for HQ recorded it. */
interface OutboxCopy {
  hash: string;
  kind: JournalKind | null;
  receiptNumber: string | null;
}

interface Finding {
  problem: JournalProblem;
  detail: string;
  /** The entry's content as stored, when it could be read (names the entry when no copy does). */
  stored?: unknown;
}

/** Rows read per page, so a years-long journal is verified in bounded memory. */
const PAGE = 1000;
const TRIGGERS = ['journal_append_only_next', 'journal_no_update', 'journal_no_delete'];

/**
 * Proves the chain from entry 1: every seq present and in order, every entry's hash over its previous
 * hash and its canonical content, every entry chained to the one before it, and every entry equal to
 * its copy in the outbox. Reports the first entry that fails. Reads only.
 */
export function verifyJournal(db: Database.Database): JournalVerdict {
  const count = (db.prepare('SELECT count(*) FROM journal').pluck().get() as number) ?? 0;
  const appendOnlyTriggers = triggersPresent(db);
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let matched = 0;
  const page = db.prepare('SELECT * FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?');
  const fail = (finding: Finding, seq: number, copy: OutboxCopy | undefined): JournalVerdict => ({
    ok: false,
    count,
    seq,
    problem: finding.problem,
    kind: copy?.kind ?? storedKind(finding.stored),
    receiptNumber: copy?.receiptNumber ?? entryReceiptNumber(storedData(finding.stored)),
    detail: finding.detail,
    intactThrough: seq - 1,
    appendOnlyTriggers,
  });
  for (;;) {
    const rows = page.all(expected, PAGE) as JournalRow[];
    if (rows.length === 0) break;
    const copies = outboxCopies(db, expected, rows[rows.length - 1]!.seq);
    for (const row of rows) {
      const copy = copies.get(expected);
      const finding = checkRow(db, row, expected, prevHash) ?? checkCopy(db, row, copy);
      if (finding) return fail(finding, expected, copy);
      if (copy) matched++;
      prevHash = row.hash;
      expected++;
    }
  }
  // Only the outbox copies show an entry removed from the end.
  const later = db
    .prepare(
      `SELECT min(json_extract(payload, '$.seq')) FROM outbox
       WHERE type = 'journal.appended' AND json_extract(payload, '$.seq') >= ?`,
    )
    .pluck()
    .get(expected) as number | null;
  if (later !== null) {
    const copy = outboxCopies(db, expected, expected).get(expected);
    const detail =
      `the outbox copy for HQ shows entry ${later} was written, but the journal ends at ` +
      `${expected - 1}: the last entries were removed`;
    return fail({ problem: 'removed', detail }, expected, copy);
  }
  return {
    ok: true,
    count,
    head: expected > 1 ? { seq: expected - 1, hash: prevHash } : null,
    matchedOutboxCopies: matched,
    appendOnlyTriggers,
  };
}

/** The row at position `seq` against the chain alone. */
function checkRow(db: Database.Database, row: JournalRow, seq: number, prevHash: string): Finding | null {
  if (row.seq !== seq) {
    const detail =
      seq === 1
        ? `entry 1 is missing: the journal starts at ${row.seq}`
        : `entry ${seq} is missing: the journal goes from ${seq - 1} to ${row.seq}`;
    return { problem: 'removed', detail };
  }
  let stored: unknown;
  try {
    stored = JSON.parse(row.entry);
    if (canonicalJson(stored) !== row.entry)
      return { problem: 'edited', detail: 'its entry is not in canonical form', stored };
  } catch (error) {
    return { problem: 'edited', detail: `its entry is not canonical JSON (${(error as Error).message})` };
  }
  if (journalHash(row.prev_hash, row.entry) !== row.hash)
    return { problem: 'edited', detail: 'its content does not match its hash', stored };
  const record = stored as Partial<JournalRecord>;
  if (record.seq !== seq) {
    // Intact content at the wrong place: moved here, or everything after a removal renumbered.
    const home = db
      .prepare("SELECT seq FROM journal WHERE json_extract(entry, '$.seq') = ? LIMIT 1")
      .pluck()
      .get(seq) as number | undefined;
    return home === undefined
      ? {
          problem: 'removed',
          detail: `it was written as entry ${String(record.seq)} and no entry written as ${seq} is left: entries were removed and the rest renumbered`,
          stored,
        }
      : {
          problem: 'reordered',
          detail: `it was written as entry ${String(record.seq)}; the entry written as ${seq} is now at seq ${home}`,
          stored,
        };
  }
  const columns: [string, unknown, unknown][] = [
    ['kind', row.kind, record.kind],
    ['written_at', row.written_at, record.writtenAt],
    ['store_id', row.store_id, record.storeId],
    ['terminal_id', row.terminal_id, record.terminalId],
  ];
  for (const [column, value, hashed] of columns) {
    if (value !== hashed)
      return {
        problem: 'edited',
        detail: `column ${column} says ${JSON.stringify(value)} but the hashed entry says ${JSON.stringify(hashed)}`,
        stored,
      };
  }
  if (row.prev_hash !== prevHash) {
    const before = seq === 1 ? 'the start of the journal' : `the entry now at seq ${seq - 1}`;
    return {
      problem: 'removed',
      detail: `it is chained to an entry that is not ${before}: an entry before it was removed or rewritten`,
      stored,
    };
  }
  return null;
}

/** The row against the copy HQ was sent: catches a rewrite that recomputed every hash after it. */
function checkCopy(db: Database.Database, row: JournalRow, copy: OutboxCopy | undefined): Finding | null {
  if (!copy || copy.hash === row.hash) return null;
  const stored = JSON.parse(row.entry) as unknown;
  const home = db.prepare('SELECT seq FROM journal WHERE hash = ?').pluck().get(copy.hash) as
    number | undefined;
  return home === undefined
    ? {
        problem: 'edited',
        detail: 'it differs from the copy sent to HQ, and its hash was recomputed to hide it',
        stored,
      }
    : {
        problem: 'reordered',
        detail: `the copy sent to HQ shows the entry written as ${row.seq} is now at seq ${home}`,
        stored,
      };
}

/** The outbox copies of entries `from`..`to`, by seq; a copy that cannot be read is skipped. */
function outboxCopies(db: Database.Database, from: number, to: number): Map<number, OutboxCopy> {
  const payloads = db
    .prepare(
      `SELECT payload FROM outbox WHERE type = 'journal.appended'
       AND json_extract(payload, '$.seq') BETWEEN ? AND ? ORDER BY rowid`,
    )
    .pluck()
    .all(from, to) as string[];
  const copies = new Map<number, OutboxCopy>();
  for (const text of payloads) {
    let payload: Partial<JournalEventPayload>;
    try {
      payload = JSON.parse(text) as Partial<JournalEventPayload>;
    } catch {
      continue;
    }
    if (typeof payload.seq !== 'number' || typeof payload.hash !== 'string' || copies.has(payload.seq))
      continue;
    copies.set(payload.seq, {
      hash: payload.hash,
      kind: isJournalKind(payload.kind) ? payload.kind : null,
      receiptNumber: entryReceiptNumber(payload.entry?.data),
    });
  }
  return copies;
}

function triggersPresent(db: Database.Database): boolean {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'")
    .pluck()
    .all() as string[];
  return TRIGGERS.every((name) => names.includes(name));
}

function storedKind(stored: unknown): JournalKind | null {
  const kind = (stored as { kind?: unknown } | undefined)?.kind;
  return isJournalKind(kind) ? kind : null;
}

function storedData(stored: unknown): unknown {
  return (stored as { data?: unknown } | undefined)?.data;
}
