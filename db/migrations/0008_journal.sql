-- The tamper-evident journal (DESIGN.md: "The sales journal is append-only and hash-chained"). One row
-- per sale, final payment, void and override, written in the transaction of the change it records.
-- `entry` is the canonical JSON of the whole entry (core/journal) including its own seq, kind, ids and
-- time; the other columns are copies for querying, and `openlane journal verify` checks they agree.
-- hash = sha256(prev_hash || entry); entry 1's prev_hash is 64 zeros. The triggers below keep honest
-- code honest; the chain is what catches someone who drops them or edits the file directly.

CREATE TABLE journal (
  -- Gap-free from 1: this file is one terminal's store, so its rowid order is the terminal's order.
  seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'payment', 'void', 'override')),
  entry TEXT NOT NULL CHECK (json_valid(entry)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  -- Terminal's clock, ISO 8601.
  written_at TEXT NOT NULL,
  -- As the terminal knew itself when writing (null before it was told: bare stores in tests).
  store_id TEXT CHECK (store_id <> ''),
  terminal_id TEXT CHECK (terminal_id <> ''),
  CHECK ((store_id IS NULL) = (terminal_id IS NULL))
) STRICT;

-- Only ever the next entry, chained to the last one: the code does this, this is the backstop.
CREATE TRIGGER journal_append_only_next BEFORE INSERT ON journal
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM journal), 0) + 1
  OR NEW.prev_hash <> coalesce((SELECT hash FROM journal ORDER BY seq DESC LIMIT 1), printf('%.64c', '0'))
BEGIN
  SELECT RAISE(ABORT, 'journal entries are appended in order, each chained to the last');
END;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;

-- Who this terminal is, for the entries whose change does not say (payments, voids). Set from the
-- settings when the checkout starts; a renamed terminal simply writes its new ids from then on.
CREATE TABLE journal_terminal (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  store_id TEXT NOT NULL CHECK (store_id <> ''),
  terminal_id TEXT NOT NULL CHECK (terminal_id <> '')
) STRICT;

-- Each entry also goes to HQ as a `journal.appended` outbox event; verify compares the local chain with
-- those copies by seq (they catch a rewrite that recomputed every later hash, and a removed last entry).
CREATE INDEX outbox_journal_seq ON outbox (json_extract(payload, '$.seq'))
WHERE type = 'journal.appended';
