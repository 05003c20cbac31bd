-- The counter's groundwork (issue 11): the journal learns the facts a counter shift adds, and a sale
-- records who rang it up, in which shift, and the cash rounding of its cash part.

-- 1. New journal kinds: `shift` (opened with its float, pay-in, pay-out, no-sale, closed with its Z
-- report), `staff` (signed in, signed out, an approval given) and `refund` (money given back). SQLite
-- cannot change a CHECK, so the table is rebuilt and every row copied as it is (the chain's hashes are
-- over `entry`, which does not change); its append-only triggers are dropped and made again on purpose.
CREATE TABLE journal_0017 (
  seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'payment', 'void', 'override', 'shift', 'staff', 'refund')),
  entry TEXT NOT NULL CHECK (json_valid(entry)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  written_at TEXT NOT NULL,
  store_id TEXT CHECK (store_id <> ''),
  terminal_id TEXT CHECK (terminal_id <> ''),
  CHECK ((store_id IS NULL) = (terminal_id IS NULL))
) STRICT;

INSERT INTO journal_0017 (seq, kind, entry, prev_hash, hash, written_at, store_id, terminal_id)
SELECT seq, kind, entry, prev_hash, hash, written_at, store_id, terminal_id FROM journal ORDER BY seq;

DROP TRIGGER journal_append_only_next;
DROP TRIGGER journal_no_update;
DROP TRIGGER journal_no_delete;
DROP TABLE journal;
ALTER TABLE journal_0017 RENAME TO journal;

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

-- 2. A sale names the staff member signed in at the counter (null at a kiosk: the shopper rang it up)
-- and the counter shift it was taken in (null outside one), and keeps the signed adjustment its cash
-- part was rounded by (e.g. −4 when 12.34 due is paid in cash as 12.30): its tenders' amounts add up
-- to total + cash_rounding. Added columns keep every sale written so far exactly as it was.
ALTER TABLE sales ADD COLUMN staff_id TEXT CHECK (staff_id IS NULL OR length(staff_id) BETWEEN 1 AND 64);
ALTER TABLE sales ADD COLUMN shift_id TEXT REFERENCES shifts (id);
ALTER TABLE sales ADD COLUMN cash_rounding INTEGER NOT NULL DEFAULT 0;

CREATE INDEX sales_by_shift ON sales (shift_id) WHERE shift_id IS NOT NULL;
