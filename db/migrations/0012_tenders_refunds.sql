-- A sale paid by several tenders (cash at a counter, the kiosk's QR, the shopper's wallet code) that
-- add up to its total, and refunds: money going back the other way, through the same lifecycle states
-- as a payment (core/payment/lifecycle.ts). The screens still pay with one tender; the counter and
-- refunds build on this.

-- 1. A sale no longer needs a code payment (a counter's cash sale has none): sales.payment_id becomes
-- optional, still unique. SQLite cannot drop NOT NULL, so the table is rebuilt, rows copied as they are;
-- its immutability triggers are dropped and made again on purpose (see 0003). Nothing references sales yet.
CREATE TABLE sales_0012 (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL UNIQUE REFERENCES baskets (id),
  -- The code payment of a one-tender sale, as before; null when no code paid it. sale_tenders is the whole story.
  payment_id TEXT UNIQUE REFERENCES payments (id),
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

INSERT INTO sales_0012 (id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id,
  currency, total, tax_total, sold_at, receipt_json)
SELECT id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id,
  currency, total, tax_total, sold_at, receipt_json FROM sales;

DROP TRIGGER sales_no_update;
DROP TRIGGER sales_no_delete;
DROP TABLE sales;
ALTER TABLE sales_0012 RENAME TO sales;

CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
BEGIN
  SELECT RAISE(ABORT, 'paid sales are immutable');
END;

CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'paid sales are immutable');
END;

-- 2. The tenders of a sale, in the order taken. `amount` is what the tender pays towards the total, so
-- the amounts of a sale add up to its total exactly (db/tenders.ts checks it with core's checkTenders
-- in the sale's transaction). Cash may be handed over in excess: `tendered` is what the shopper gave,
-- and the change given back is tendered − amount; only cash has it. A code tender is its payment, whole.
CREATE TABLE sale_tenders (
  sale_id TEXT NOT NULL REFERENCES sales (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'merchant_qr', 'wallet_code')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  tendered INTEGER CHECK (tendered IS NULL OR tendered >= amount),
  payment_id TEXT UNIQUE REFERENCES payments (id),
  PRIMARY KEY (sale_id, position),
  CHECK ((kind = 'cash') = (payment_id IS NULL)),
  CHECK (kind = 'cash' OR tendered IS NULL)
) STRICT;

-- Every sale written so far was paid by one code payment: that payment is its one tender.
INSERT INTO sale_tenders (sale_id, position, kind, amount, payment_id)
SELECT s.id, 1, CASE p.method WHEN 'customer_presented' THEN 'wallet_code' ELSE 'merchant_qr' END,
  s.total, s.payment_id
FROM sales s JOIN payments p ON p.id = s.payment_id;

-- A code tender is a payment the provider (or an attendant) confirmed, of its kind, for its whole amount.
CREATE TRIGGER sale_tenders_code_payment BEFORE INSERT ON sale_tenders
WHEN NEW.payment_id IS NOT NULL AND NEW.kind <> 'cash' AND NOT EXISTS (
  SELECT 1 FROM payments p WHERE p.id = NEW.payment_id AND p.status = 'paid' AND p.amount = NEW.amount
    AND p.method = CASE NEW.kind WHEN 'wallet_code' THEN 'customer_presented' ELSE 'merchant_presented' END
)
BEGIN
  SELECT RAISE(ABORT, 'a code tender is a paid payment of its kind, for its whole amount');
END;

CREATE TRIGGER sale_tenders_no_update BEFORE UPDATE ON sale_tenders
BEGIN
  SELECT RAISE(ABORT, 'the tenders of a paid sale are immutable');
END;

CREATE TRIGGER sale_tenders_no_delete BEFORE DELETE ON sale_tenders
BEGIN
  SELECT RAISE(ABORT, 'the tenders of a paid sale are immutable');
END;

-- 3. Refunds: money back to the shopper for (part of) a sale, by the tender it was paid with. A refund
-- through a provider is stored `created` before any call, with its own reference, and moves through
-- the payment statuses; a cash refund is handed over at once and stored `paid`.
CREATE TABLE refunds (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'merchant_qr', 'wallet_code')),
  -- The original payment given back (its provider refunds it); null for cash.
  payment_id TEXT REFERENCES payments (id),
  reference TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 32),
  provider TEXT CHECK (provider IS NULL OR provider <> ''),
  status TEXT NOT NULL CHECK (status IN ('created', 'pending', 'paid', 'declined', 'cancelled', 'unknown')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  provider_ref TEXT,
  -- Why the money goes back (the staff's words) and who authorised it.
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  authorised_by TEXT NOT NULL CHECK (length(authorised_by) BETWEEN 1 AND 64),
  failure_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'cash') = (payment_id IS NULL)),
  CHECK ((kind = 'cash') = (provider IS NULL))
) STRICT;

CREATE INDEX refunds_by_sale ON refunds (sale_id);
CREATE INDEX refunds_by_status ON refunds (status);

-- Never more back than was paid: the refunds of a sale that are paid or may still be, within its total;
-- those of a code tender within that tender.
CREATE TRIGGER refunds_within_sale BEFORE INSERT ON refunds
WHEN NEW.amount + (
  SELECT coalesce(sum(amount), 0) FROM refunds
  WHERE sale_id = NEW.sale_id AND status NOT IN ('declined', 'cancelled')
) > (SELECT total FROM sales WHERE id = NEW.sale_id)
  OR (NEW.payment_id IS NOT NULL AND NEW.amount + (
  SELECT coalesce(sum(amount), 0) FROM refunds
  WHERE payment_id = NEW.payment_id AND status NOT IN ('declined', 'cancelled')
) > coalesce((SELECT amount FROM sale_tenders WHERE sale_id = NEW.sale_id AND payment_id = NEW.payment_id), 0))
BEGIN
  SELECT RAISE(ABORT, 'a refund cannot give back more than its sale or tender took');
END;

-- The same moves as a payment (0003), and a finished refund never changes.
CREATE TRIGGER refunds_status_moves BEFORE UPDATE OF status ON refunds
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'created' AND NEW.status IN ('pending', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'pending' AND NEW.status IN ('paid', 'declined', 'cancelled', 'unknown')) OR
  (OLD.status = 'unknown' AND NEW.status IN ('paid', 'declined', 'cancelled', 'pending'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal refund status change');
END;

CREATE TRIGGER refunds_final_frozen BEFORE UPDATE ON refunds
WHEN OLD.status IN ('paid', 'declined', 'cancelled')
BEGIN
  SELECT RAISE(ABORT, 'a finished refund cannot change');
END;

CREATE TRIGGER refunds_fixed BEFORE UPDATE OF id, sale_id, kind, payment_id, reference, provider, amount,
  currency, reason, authorised_by, created_at ON refunds
BEGIN
  SELECT RAISE(ABORT, 'only a refund''s status, provider ref and failure reason change');
END;

CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are never deleted');
END;
