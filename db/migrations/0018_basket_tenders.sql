-- The counter's tenders (issue 11): a sale in progress is paid in parts — cash, the merchant QR, the
-- shopper's wallet code — each stored the moment it is taken, so a restarted terminal finds them all.
-- The sale is written (db/tendered-sale.ts) once the tenders cover its total.

-- 1. A basket may now see several payments over its life (a split tender, a QR taken back and paid
-- again), but never two in flight at once. The kiosk's "paid once" rule moves into a trigger (below):
-- a basket that is not being tendered at the counter still takes at most one paid payment.
DROP INDEX payments_one_live_per_basket;

CREATE UNIQUE INDEX payments_one_in_flight_per_basket ON payments (basket_id)
WHERE status IN ('created', 'pending', 'unknown');

-- 2. A basket being tendered at the counter: the total its tenders must cover, fixed while any tender
-- stands (the basket is `paying`, so its lines are frozen too).
CREATE TABLE basket_tendering (
  basket_id TEXT PRIMARY KEY NOT NULL REFERENCES baskets (id),
  total INTEGER NOT NULL CHECK (total > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- 3. The tenders, in the order taken. `amount` is what a tender pays towards the total; cash may be
-- handed in excess (`tendered`; change = tendered − amount) and, when it settles the rest, carries the
-- cash rounding of the sale (`rounding`, signed: amount = what was due + rounding). A code tender is
-- its payment: `pending` while the payment is in flight, `taken` once paid, `failed` if it ended
-- unpaid. Taking a tender back: cash → `reversed` at once; a paid code tender → `reversing` (stored
-- with its refund reference BEFORE the provider is asked) → `reversed`, or `taken` again if refused.
CREATE TABLE basket_tenders (
  basket_id TEXT NOT NULL REFERENCES basket_tendering (basket_id),
  position INTEGER NOT NULL CHECK (position >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'merchant_qr', 'wallet_code')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  tendered INTEGER CHECK (tendered IS NULL OR tendered >= amount),
  rounding INTEGER NOT NULL DEFAULT 0,
  payment_id TEXT UNIQUE REFERENCES payments (id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'taken', 'failed', 'reversing', 'reversed')),
  staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
  refund_reference TEXT UNIQUE CHECK (refund_reference IS NULL OR length(refund_reference) BETWEEN 1 AND 32),
  refund_ref TEXT,
  failure_reason TEXT,
  reversed_by TEXT CHECK (reversed_by IS NULL OR length(reversed_by) BETWEEN 1 AND 64),
  taken_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (basket_id, position),
  CHECK ((kind = 'cash') = (payment_id IS NULL)),
  CHECK (kind = 'cash' OR (tendered IS NULL AND rounding = 0)),
  CHECK (kind <> 'cash' OR state IN ('taken', 'reversed')),
  CHECK (kind <> 'cash' OR refund_reference IS NULL),
  CHECK (kind = 'cash' OR state NOT IN ('reversing', 'reversed') OR refund_reference IS NOT NULL),
  CHECK (state NOT IN ('reversing', 'reversed') OR reversed_by IS NOT NULL)
) STRICT;

-- A code tender's state follows its payment, in the payment's own transaction: paid → taken,
-- declined or cancelled → failed (with the reason). A restart finds them agreeing.
CREATE TRIGGER basket_tenders_follow_payment AFTER UPDATE OF status ON payments
WHEN NEW.status <> OLD.status AND NEW.status IN ('paid', 'declined', 'cancelled')
BEGIN
  UPDATE basket_tenders
  SET state = CASE NEW.status WHEN 'paid' THEN 'taken' ELSE 'failed' END,
    failure_reason = NEW.failure_reason, updated_at = NEW.updated_at
  WHERE payment_id = NEW.id AND state = 'pending';
END;

CREATE TRIGGER basket_tenders_state_moves BEFORE UPDATE OF state ON basket_tenders
WHEN NEW.state <> OLD.state AND NOT (
  (OLD.state = 'pending' AND NEW.state IN ('taken', 'failed')) OR
  (OLD.state = 'taken' AND NEW.state IN ('reversing', 'reversed')) OR
  (OLD.state = 'reversing' AND NEW.state IN ('reversed', 'taken'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal tender state change');
END;

CREATE TRIGGER basket_tenders_fixed BEFORE UPDATE OF basket_id, position, kind, amount, tendered, rounding,
  payment_id, staff_id, taken_at ON basket_tenders
BEGIN
  SELECT RAISE(ABORT, 'a tender taken keeps its kind, amounts, payment and cashier');
END;

-- Once the sale is written its tenders are history (sale_tenders holds them for good).
CREATE TRIGGER basket_tenders_frozen_when_sold BEFORE UPDATE ON basket_tenders
WHEN EXISTS (SELECT 1 FROM sales WHERE basket_id = OLD.basket_id)
BEGIN
  SELECT RAISE(ABORT, 'the tenders of a completed sale are immutable');
END;

CREATE TRIGGER basket_tenders_no_delete BEFORE DELETE ON basket_tenders
BEGIN
  SELECT RAISE(ABORT, 'tenders are never deleted; a tender taken back is reversed');
END;

-- The total is fixed while a tender stands (pending, taken or being reversed).
CREATE TRIGGER basket_tendering_total_fixed BEFORE UPDATE OF total, currency ON basket_tendering
WHEN (NEW.total <> OLD.total OR NEW.currency <> OLD.currency) AND EXISTS (
  SELECT 1 FROM basket_tenders WHERE basket_id = OLD.basket_id AND state IN ('pending', 'taken', 'reversing')
)
BEGIN
  SELECT RAISE(ABORT, 'the total being tendered is fixed while a tender stands');
END;

-- Never a code payment beyond what is still due: at the counter, a new payment of a tendered basket
-- is at most its total less what its standing tenders pay (a cash tender's rounding is not "due").
CREATE TRIGGER payments_within_due BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM basket_tendering WHERE basket_id = NEW.basket_id)
  AND NEW.amount > (SELECT total FROM basket_tendering WHERE basket_id = NEW.basket_id) - (
    SELECT coalesce(sum(amount - rounding), 0) FROM basket_tenders
    WHERE basket_id = NEW.basket_id AND state IN ('pending', 'taken', 'reversing'))
BEGIN
  SELECT RAISE(ABORT, 'a code payment never takes more than is still due');
END;

-- The kiosk's guarantee, kept: a basket not tendered at the counter is paid once.
CREATE TRIGGER payments_paid_once_per_basket BEFORE INSERT ON payments
WHEN NOT EXISTS (SELECT 1 FROM basket_tendering WHERE basket_id = NEW.basket_id)
  AND EXISTS (SELECT 1 FROM payments WHERE basket_id = NEW.basket_id AND status = 'paid')
BEGIN
  SELECT RAISE(ABORT, 'a basket is paid once');
END;
