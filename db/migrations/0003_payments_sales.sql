-- Payments (stored before any network call, so a restart finds a payment in flight), sales (paid,
-- immutable) and the gap-free per-terminal receipt counter.

CREATE TABLE payments (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  -- Our reference sent to the provider; providers accept at most 32 characters.
  reference TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 32),
  provider TEXT NOT NULL CHECK (provider <> ''),
  status TEXT NOT NULL CHECK (status IN ('created', 'pending', 'paid', 'declined', 'cancelled', 'unknown')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  qr_payload TEXT,
  provider_ref TEXT,
  expires_at TEXT NOT NULL,
  failure_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Never charge a basket twice: at most one payment per basket is in flight or paid.
CREATE UNIQUE INDEX payments_one_live_per_basket ON payments (basket_id)
WHERE status IN ('created', 'pending', 'unknown', 'paid');

CREATE INDEX payments_by_status ON payments (status);

CREATE TRIGGER payments_status_moves BEFORE UPDATE OF status ON payments
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'created' AND NEW.status IN ('pending', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'pending' AND NEW.status IN ('paid', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'unknown' AND NEW.status IN ('paid', 'declined', 'cancelled', 'pending'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal payment status change');
END;

-- A finished payment is a fact about money that moved (or did not): it never changes again.
CREATE TRIGGER payments_final_frozen BEFORE UPDATE ON payments
WHEN OLD.status IN ('paid', 'declined', 'cancelled')
BEGIN
  SELECT RAISE(ABORT, 'a finished payment cannot change');
END;

CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are never deleted');
END;

-- One row per store/terminal: the last receipt sequence used. Incremented inside the sale's own
-- transaction, so a rolled-back sale gives its number back and the sequence has no gaps.
CREATE TABLE terminal_sequences (
  store_id TEXT NOT NULL CHECK (store_id <> ''),
  terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),
  last_sequence INTEGER NOT NULL CHECK (last_sequence >= 0),
  PRIMARY KEY (store_id, terminal_id)
) STRICT;

CREATE TRIGGER terminal_sequences_step_by_one BEFORE UPDATE OF last_sequence ON terminal_sequences
WHEN NEW.last_sequence <> OLD.last_sequence + 1
BEGIN
  SELECT RAISE(ABORT, 'receipt sequence must advance by exactly one');
END;

CREATE TABLE sales (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL UNIQUE REFERENCES baskets (id),
  payment_id TEXT NOT NULL UNIQUE REFERENCES payments (id),
  receipt_number TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  store_id TEXT NOT NULL CHECK (store_id <> ''),
  terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  total INTEGER NOT NULL CHECK (total >= 0),
  tax_total INTEGER NOT NULL CHECK (tax_total >= 0 AND tax_total <= total),
  sold_at TEXT NOT NULL,
  receipt_json TEXT NOT NULL CHECK (json_valid(receipt_json)),
  UNIQUE (store_id, terminal_id, sequence),
  CHECK (receipt_number = store_id || '-' || terminal_id || '-' || printf('%06d', sequence))
) STRICT;

-- Paid sales are immutable (DESIGN.md). The terminal is the only writer of its own file, so a
-- trigger costs nothing and turns a future bug or a hand-run "fix" into an error instead of a
-- silently rewritten receipt that no longer matches what HQ, the shopper and the tax office hold.
-- A migration that truly must reshape sales drops and recreates these triggers on purpose.
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
BEGIN
  SELECT RAISE(ABORT, 'paid sales are immutable');
END;

CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'paid sales are immutable');
END;
