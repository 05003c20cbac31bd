-- Counter shifts (db/shifts.ts): opened with a float counted by denomination, cash moved in and out
-- during it, closed with a blind count that writes the shift's Z report. Amounts are integer minor
-- units; counts are core/cash DenominationCount JSON ({ "10000": 3, "50": 4 }). Times are the
-- terminal's clock, ISO 8601.

CREATE TABLE shifts (
  id TEXT PRIMARY KEY NOT NULL,
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) BETWEEN 1 AND 64),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL CHECK (length(opened_by) BETWEEN 1 AND 64),
  float_total INTEGER NOT NULL CHECK (float_total >= 0),
  float_counts TEXT NOT NULL CHECK (json_valid(float_counts) AND json_type(float_counts) = 'object'),
  closed_at TEXT,
  closed_by TEXT CHECK (closed_by IS NULL OR length(closed_by) BETWEEN 1 AND 64),
  counted_total INTEGER CHECK (counted_total IS NULL OR counted_total >= 0),
  counted_counts TEXT CHECK (
    counted_counts IS NULL OR (json_valid(counted_counts) AND json_type(counted_counts) = 'object')
  ),
  -- An open shift has no close; a closed one has all of it.
  CHECK (
    (status = 'open' AND closed_at IS NULL AND closed_by IS NULL AND counted_total IS NULL
      AND counted_counts IS NULL)
    OR (status = 'closed' AND closed_at IS NOT NULL AND closed_by IS NOT NULL
      AND counted_total IS NOT NULL AND counted_counts IS NOT NULL)
  )
) STRICT;

-- One drawer, one open shift: a second open on the same terminal fails here even if the code forgets.
CREATE UNIQUE INDEX shifts_one_open_per_terminal ON shifts (terminal_id) WHERE status = 'open';

-- A closed shift is what its Z report was made from: it stays as closed.
CREATE TRIGGER shifts_closed_stays BEFORE UPDATE ON shifts
WHEN OLD.status = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed shift is not changed');
END;

CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN
  SELECT RAISE(ABORT, 'a shift is never deleted');
END;

-- Pay-ins, pay-outs and no-sale drawer openings, each with its reason and who did it.
CREATE TABLE shift_cash_moves (
  id TEXT PRIMARY KEY NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  kind TEXT NOT NULL CHECK (kind IN ('pay_in', 'pay_out', 'no_sale')),
  -- A no-sale moves no money; a pay-in or pay-out moves some.
  amount INTEGER NOT NULL CHECK ((kind = 'no_sale' AND amount = 0) OR (kind <> 'no_sale' AND amount > 0)),
  reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 200),
  staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
  moved_at TEXT NOT NULL
) STRICT;

CREATE INDEX shift_cash_moves_shift ON shift_cash_moves (shift_id);

CREATE TRIGGER shift_cash_moves_open_shift BEFORE INSERT ON shift_cash_moves
WHEN (SELECT status FROM shifts WHERE id = NEW.shift_id) <> 'open'
BEGIN
  SELECT RAISE(ABORT, 'cash moves only in an open shift');
END;

CREATE TRIGGER shift_cash_moves_no_update BEFORE UPDATE ON shift_cash_moves
BEGIN
  SELECT RAISE(ABORT, 'a cash move is written once');
END;

CREATE TRIGGER shift_cash_moves_no_delete BEFORE DELETE ON shift_cash_moves
BEGIN
  SELECT RAISE(ABORT, 'a cash move is written once');
END;

-- Z reports: numbered gap-free per terminal, one per closed shift, immutable once written.
CREATE TABLE z_reports (
  terminal_id TEXT NOT NULL CHECK (length(terminal_id) BETWEEN 1 AND 64),
  number INTEGER NOT NULL CHECK (number >= 1),
  shift_id TEXT NOT NULL UNIQUE REFERENCES shifts (id),
  -- core/shift ShiftFigures, with the count, as computed at close.
  figures TEXT NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'object'),
  created_at TEXT NOT NULL,
  PRIMARY KEY (terminal_id, number)
) STRICT;

-- Only ever the terminal's next number: the code takes max + 1 in the close's transaction; this is the
-- backstop against a gap or a reuse.
CREATE TRIGGER z_reports_next_number BEFORE INSERT ON z_reports
WHEN NEW.number <> coalesce((SELECT max(number) FROM z_reports WHERE terminal_id = NEW.terminal_id), 0) + 1
BEGIN
  SELECT RAISE(ABORT, 'Z reports are numbered in order, without gaps');
END;

CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
BEGIN
  SELECT RAISE(ABORT, 'a Z report is immutable');
END;

CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
BEGIN
  SELECT RAISE(ABORT, 'a Z report is immutable');
END;
