-- Returns and refunds (issue 12). A refund is now a document: its own gap-free number on this terminal
-- (printed on its slip), the sale it takes back by receipt number — this terminal's own sale, another
-- terminal's that HQ sent (no local sales row), or none at all (a return without a receipt) — the lines
-- that come back, and the tenders the money goes back by, each through the payment lifecycle.
--
-- 1. `refunds` (0012: one row per tender given back) is rebuilt as the refund's header; its money rows
-- move to `refund_tenders`. Nothing made refunds before this migration, but any row there is carried
-- over: each becomes a refund of its own (numbered in the order made) with that one tender.
CREATE TABLE refund_sequences (
  store_id TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence >= 1),
  PRIMARY KEY (store_id, terminal_id)
) STRICT;

CREATE TABLE refunds_0022 (
  id TEXT PRIMARY KEY NOT NULL,
  refund_number TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  store_id TEXT NOT NULL CHECK (store_id <> ''),
  terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),
  -- This terminal's sale, when it sold it; null for another terminal's sale and for no receipt.
  sale_id TEXT REFERENCES sales (id),
  -- The sale taken back, by its receipt number; null only for a return without a receipt.
  receipt_number TEXT CHECK (receipt_number IS NULL OR receipt_number <> ''),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  -- What the lines give back, tax included, and the tax in it; the tenders pay total + cash_rounding.
  total INTEGER NOT NULL CHECK (total > 0),
  tax_total INTEGER NOT NULL CHECK (tax_total >= 0 AND tax_total <= total),
  cash_rounding INTEGER NOT NULL DEFAULT 0,
  staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
  approved_by TEXT CHECK (approved_by IS NULL OR length(approved_by) BETWEEN 1 AND 64),
  shift_id TEXT REFERENCES shifts (id),
  -- Made while HQ could not be asked (a supervisor approved it; HQ checks it when it arrives).
  offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
  training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
  -- The sale as the terminal knew it when refunding (HQ's view for another terminal's), for the slip and audits.
  sale_json TEXT CHECK (sale_json IS NULL OR json_valid(sale_json)),
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  created_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (store_id, terminal_id, sequence),
  CHECK (refund_number = store_id || '-' || terminal_id || '-R' || printf('%06d', sequence)),
  CHECK (sale_id IS NULL OR receipt_number IS NOT NULL),
  CHECK ((state = 'done') = (completed_at IS NOT NULL))
) STRICT;

CREATE TABLE refund_tenders (
  refund_id TEXT NOT NULL REFERENCES refunds_0022 (id),
  -- In the refund's fixed order: code tenders first (as the sale took them), cash last.
  position INTEGER NOT NULL CHECK (position >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'merchant_qr', 'wallet_code')),
  -- The sale's tender given back (its position in the sale) and what it took; null for a return without a receipt.
  sale_position INTEGER CHECK (sale_position IS NULL OR sale_position >= 1),
  took INTEGER CHECK (took IS NULL OR took > 0),
  -- A code tender's payment: our id (this terminal's payment; another terminal's id as HQ sent it), the
  -- reference it was paid under and the provider's ref; null for cash.
  payment_id TEXT,
  payment_reference TEXT,
  payment_provider_ref TEXT,
  -- Our refund reference at the provider (`RF…`): one reference is refunded once, however often asked.
  reference TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 32),
  provider TEXT CHECK (provider IS NULL OR provider <> ''),
  status TEXT NOT NULL CHECK (status IN ('created', 'pending', 'paid', 'declined', 'cancelled', 'unknown')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  provider_ref TEXT,
  failure_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (refund_id, position),
  CHECK ((kind = 'cash') = (payment_reference IS NULL)),
  CHECK ((kind = 'cash') = (provider IS NULL)),
  CHECK ((sale_position IS NULL) = (took IS NULL))
) STRICT;

INSERT INTO refund_sequences (store_id, terminal_id, last_sequence)
SELECT s.store_id, s.terminal_id, count(*) FROM refunds r JOIN sales s ON s.id = r.sale_id
GROUP BY s.store_id, s.terminal_id;

INSERT INTO refunds_0022 (id, refund_number, sequence, store_id, terminal_id, sale_id, receipt_number,
  currency, total, tax_total, cash_rounding, staff_id, approved_by, shift_id, offline, training, sale_json,
  state, created_at, completed_at)
SELECT id, store_id || '-' || terminal_id || '-R' || printf('%06d', n), n, store_id, terminal_id, sale_id,
  receipt_number, currency, amount, 0, 0, authorised_by, NULL, NULL, 0, 0, NULL,
  CASE WHEN status IN ('paid', 'declined', 'cancelled') THEN 'done' ELSE 'in_progress' END, created_at,
  CASE WHEN status IN ('paid', 'declined', 'cancelled') THEN updated_at END
FROM (
  SELECT r.*, s.store_id, s.terminal_id, s.receipt_number,
    row_number() OVER (PARTITION BY s.store_id, s.terminal_id ORDER BY r.created_at, r.id) AS n
  FROM refunds r JOIN sales s ON s.id = r.sale_id
);

INSERT INTO refund_tenders (refund_id, position, kind, sale_position, took, payment_id, payment_reference,
  payment_provider_ref, reference, provider, status, amount, currency, provider_ref, failure_reason,
  created_at, updated_at)
SELECT r.id, 1, r.kind, t.position, t.amount, r.payment_id, p.reference, p.provider_ref, r.reference,
  r.provider, r.status, r.amount, r.currency, r.provider_ref, r.failure_reason, r.created_at, r.updated_at
FROM refunds r
LEFT JOIN payments p ON p.id = r.payment_id
LEFT JOIN sale_tenders t ON t.sale_id = r.sale_id
  AND ((r.payment_id IS NOT NULL AND t.payment_id = r.payment_id) OR (r.payment_id IS NULL AND t.kind = 'cash'));

DROP TABLE refunds;
ALTER TABLE refunds_0022 RENAME TO refunds;

CREATE INDEX refunds_by_receipt ON refunds (receipt_number) WHERE receipt_number IS NOT NULL;
CREATE INDEX refunds_by_shift ON refunds (shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX refund_tenders_by_status ON refund_tenders (status);

-- 2. The lines that come back. `line` is the line's index in the sale's receipt (0-based); a return
-- without a receipt numbers its items from 0 and names each by its code. `sold` and `paid` are the sale
-- line's quantity and what the shopper paid for all of it, as the terminal knew them.
CREATE TABLE refund_lines (
  refund_id TEXT NOT NULL REFERENCES refunds (id),
  line INTEGER NOT NULL CHECK (line >= 0),
  receipt_number TEXT,
  gtin TEXT,
  name TEXT NOT NULL CHECK (name <> ''),
  unit TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
  -- Pieces, or grams of a weighed line; minor units given back for them, tax included, and the tax in it.
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  tax INTEGER NOT NULL CHECK (tax >= 0 AND tax <= amount),
  sold INTEGER CHECK (sold IS NULL OR sold > 0),
  paid INTEGER CHECK (paid IS NULL OR paid >= 0),
  reason TEXT NOT NULL CHECK (reason IN ('changed_mind', 'damaged', 'faulty', 'wrong_item', 'expired', 'other')),
  disposition TEXT NOT NULL CHECK (disposition IN ('restock', 'write_off')),
  PRIMARY KEY (refund_id, line),
  CHECK ((receipt_number IS NULL) = (sold IS NULL) AND (sold IS NULL) = (paid IS NULL)),
  CHECK (receipt_number IS NOT NULL OR gtin IS NOT NULL)
) STRICT;

CREATE INDEX refund_lines_by_receipt ON refund_lines (receipt_number, line) WHERE receipt_number IS NOT NULL;

-- Never more back than was sold, as far as this terminal knows: a line's quantities and amounts over
-- every refund of it here within what was sold and paid; the same `sold` and `paid` each time; and, for
-- this terminal's own sale, the very quantity its receipt shows for that line.
CREATE TRIGGER refund_lines_within_sale BEFORE INSERT ON refund_lines
WHEN NEW.receipt_number IS NOT NULL AND (
  NEW.receipt_number IS NOT (SELECT receipt_number FROM refunds WHERE id = NEW.refund_id)
  OR EXISTS (SELECT 1 FROM refund_lines WHERE receipt_number = NEW.receipt_number AND line = NEW.line
    AND (sold <> NEW.sold OR paid <> NEW.paid))
  OR NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM refund_lines
    WHERE receipt_number = NEW.receipt_number AND line = NEW.line) > NEW.sold
  OR NEW.amount + (SELECT coalesce(sum(amount), 0) FROM refund_lines
    WHERE receipt_number = NEW.receipt_number AND line = NEW.line) > NEW.paid
  OR EXISTS (SELECT 1 FROM sales s WHERE s.receipt_number = NEW.receipt_number
    AND json_extract(s.receipt_json, '$.lines[' || NEW.line || '].quantity') IS NOT NEW.sold)
)
BEGIN
  SELECT RAISE(ABORT, 'a refund line cannot take back more than its sale line sold and the shopper paid');
END;

CREATE TRIGGER refund_lines_no_update BEFORE UPDATE ON refund_lines
BEGIN
  SELECT RAISE(ABORT, 'the lines of a refund never change');
END;

CREATE TRIGGER refund_lines_no_delete BEFORE DELETE ON refund_lines
BEGIN
  SELECT RAISE(ABORT, 'the lines of a refund never change');
END;

-- Never more back on a tender than it took less what its other refunds gave (or may still give) back;
-- for this terminal's own sale, the tender is the sale's: its kind, amount and payment.
CREATE TRIGGER refund_tenders_within_tender BEFORE INSERT ON refund_tenders
WHEN NEW.sale_position IS NOT NULL AND (
  NEW.amount + (SELECT coalesce(sum(t.amount), 0) FROM refund_tenders t JOIN refunds r ON r.id = t.refund_id
    WHERE r.receipt_number = (SELECT receipt_number FROM refunds WHERE id = NEW.refund_id)
      AND t.sale_position = NEW.sale_position AND t.status NOT IN ('declined', 'cancelled')) > NEW.took
  OR EXISTS (SELECT 1 FROM refunds r JOIN sale_tenders st ON st.sale_id = r.sale_id
    WHERE r.id = NEW.refund_id AND st.position = NEW.sale_position
      AND (st.kind <> NEW.kind OR st.amount <> NEW.took OR st.payment_id IS NOT NEW.payment_id))
  OR ((SELECT sale_id FROM refunds WHERE id = NEW.refund_id) IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM refunds r JOIN sale_tenders st ON st.sale_id = r.sale_id
    WHERE r.id = NEW.refund_id AND st.position = NEW.sale_position))
)
BEGIN
  SELECT RAISE(ABORT, 'a refund cannot give back more than its tender took');
END;

-- A return without a receipt pays back cash only.
CREATE TRIGGER refund_tenders_no_receipt_cash BEFORE INSERT ON refund_tenders
WHEN NEW.kind <> 'cash' AND (SELECT receipt_number FROM refunds WHERE id = NEW.refund_id) IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a return without a receipt is paid back in cash only');
END;

-- The same moves as a payment (0003), and a finished one never changes.
CREATE TRIGGER refund_tenders_status_moves BEFORE UPDATE OF status ON refund_tenders
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'created' AND NEW.status IN ('pending', 'paid', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'pending' AND NEW.status IN ('paid', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'unknown' AND NEW.status IN ('paid', 'declined', 'cancelled', 'pending'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal refund status change');
END;

CREATE TRIGGER refund_tenders_final_frozen BEFORE UPDATE ON refund_tenders
WHEN OLD.status IN ('paid', 'declined', 'cancelled')
BEGIN
  SELECT RAISE(ABORT, 'a finished refund cannot change');
END;

CREATE TRIGGER refund_tenders_fixed BEFORE UPDATE OF refund_id, position, kind, sale_position, took,
  payment_id, payment_reference, payment_provider_ref, reference, provider, amount, currency, created_at
  ON refund_tenders
BEGIN
  SELECT RAISE(ABORT, 'only a refund''s status, provider ref and failure reason change');
END;

CREATE TRIGGER refund_tenders_no_delete BEFORE DELETE ON refund_tenders
BEGIN
  SELECT RAISE(ABORT, 'refunds are never deleted');
END;

-- A refund's header is fixed once written, except that it becomes done (once).
CREATE TRIGGER refunds_fixed BEFORE UPDATE ON refunds
WHEN OLD.state = 'done' OR NEW.id IS NOT OLD.id OR NEW.refund_number IS NOT OLD.refund_number
  OR NEW.sale_id IS NOT OLD.sale_id OR NEW.receipt_number IS NOT OLD.receipt_number
  OR NEW.total IS NOT OLD.total OR NEW.tax_total IS NOT OLD.tax_total
  OR NEW.cash_rounding IS NOT OLD.cash_rounding OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.approved_by IS NOT OLD.approved_by OR NEW.shift_id IS NOT OLD.shift_id
  OR NEW.offline IS NOT OLD.offline OR NEW.sale_json IS NOT OLD.sale_json
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a refund only becomes done; nothing else of it changes');
END;

CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are never deleted');
END;
