-- A sale put aside at the counter (suspended) and resumed later, and a kiosk basket handed over to the
-- counter by a code. Neither moves money: the basket is closed with its lines kept live (nothing voided),
-- and these tables say why it closed without a sale, so loss prevention can tell it from a walk-out.

-- A suspended sale: its basket is closed as it was; resuming copies its live lines into a new basket.
CREATE TABLE suspended_sales (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL UNIQUE REFERENCES baskets (id),
  -- What the cashier calls it in the list ("blue jacket", or the time and total by default).
  label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 40),
  staff_id TEXT,
  suspended_at TEXT NOT NULL,
  resumed_at TEXT,
  resumed_by TEXT,
  resumed_basket_id TEXT REFERENCES baskets (id),
  voided_at TEXT,
  voided_by TEXT,
  void_reason TEXT CHECK (void_reason IS NULL OR length(trim(void_reason)) BETWEEN 1 AND 200),
  CHECK (resumed_at IS NULL OR voided_at IS NULL),
  CHECK ((resumed_at IS NULL) = (resumed_basket_id IS NULL)),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;

-- The list a cashier picks from, and what keeps a shift from closing: the ones still waiting.
CREATE INDEX suspended_sales_waiting ON suspended_sales (suspended_at)
  WHERE resumed_at IS NULL AND voided_at IS NULL;

-- Once resumed or voided, a suspended sale is history.
CREATE TRIGGER suspended_sales_settled BEFORE UPDATE ON suspended_sales
WHEN OLD.resumed_at IS NOT NULL OR OLD.voided_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a resumed or voided suspended sale does not change');
END;

CREATE TRIGGER suspended_sales_no_delete BEFORE DELETE ON suspended_sales
BEGIN
  SELECT RAISE(ABORT, 'suspended sales are never deleted');
END;

-- The kiosk's side of a handover: the code it shows, and which counter claimed the basket.
CREATE TABLE handovers (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  code TEXT NOT NULL CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
  offered_at TEXT NOT NULL,
  withdrawn_at TEXT,
  claimed_at TEXT,
  -- The terminal id of the counter that took the basket (signed on the lane link).
  claimed_by TEXT,
  CHECK (withdrawn_at IS NULL OR claimed_at IS NULL),
  CHECK ((claimed_at IS NULL) = (claimed_by IS NULL))
) STRICT;

-- A code names one live offer: typed at a counter, it must find exactly one basket.
CREATE UNIQUE INDEX handovers_live_code ON handovers (code) WHERE withdrawn_at IS NULL AND claimed_at IS NULL;

CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
BEGIN
  SELECT RAISE(ABORT, 'handovers are never deleted');
END;

-- The counter's side: the kiosk's handover, taken once; the primary key is what stops a second take.
CREATE TABLE handovers_received (
  handover_id TEXT PRIMARY KEY NOT NULL,
  lane_id TEXT NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  staff_id TEXT,
  received_at TEXT NOT NULL
) STRICT;

-- Product lookup by name at the counter (F3): a name's beginning is found through this index, in any
-- letter case; a word inside a name, or a name in another language, by a scan that stops at a page.
CREATE INDEX products_name_nocase ON products (name COLLATE NOCASE);
