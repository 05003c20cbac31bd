-- Baskets and their lines. A line copies what it needs from the catalog at scan time (prices change),
-- so there is no foreign key to products. Lines are never deleted: a removal is recorded for loss
-- prevention. Times are the terminal's clock as ISO 8601 strings; money is integer minor units.

CREATE TABLE baskets (
  id TEXT PRIMARY KEY NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paying', 'paid', 'closed')),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_changed_line_id TEXT REFERENCES basket_lines (id)
) STRICT;

-- A terminal has at most one basket that is not closed: the one a restarted kiosk must find again.
CREATE UNIQUE INDEX baskets_one_current ON baskets ((1)) WHERE status <> 'closed';

-- Only these moves exist; the code checks them too, this is the backstop against a future bug.
CREATE TRIGGER baskets_status_moves BEFORE UPDATE OF status ON baskets
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'open' AND NEW.status IN ('paying', 'closed')) OR
  (OLD.status = 'paying' AND NEW.status IN ('open', 'paid')) OR
  (OLD.status = 'paid' AND NEW.status = 'closed')
)
BEGIN
  SELECT RAISE(ABORT, 'illegal basket status change');
END;

CREATE TRIGGER baskets_no_delete BEFORE DELETE ON baskets
BEGIN
  SELECT RAISE(ABORT, 'baskets are never deleted');
END;

CREATE TABLE basket_lines (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  -- Scan order within the basket, from 1.
  position INTEGER NOT NULL CHECK (position >= 1),
  gtin TEXT NOT NULL CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  barcode TEXT NOT NULL CHECK (barcode <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  unit TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
  -- Per piece, or per kilogram for 'kg'.
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  -- A count for 'each', grams for 'kg'.
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  age_limit INTEGER CHECK (age_limit IS NULL OR age_limit BETWEEN 1 AND 99),
  added_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  removed_at TEXT,
  UNIQUE (basket_id, position)
) STRICT;

-- Lines of a basket that is not open are frozen: what the shopper pays for is what was on screen.
CREATE TRIGGER basket_lines_insert_open_only BEFORE INSERT ON basket_lines
WHEN (SELECT status FROM baskets WHERE id = NEW.basket_id) IS NOT 'open'
BEGIN
  SELECT RAISE(ABORT, 'basket is not open');
END;

CREATE TRIGGER basket_lines_update_open_only BEFORE UPDATE ON basket_lines
WHEN (SELECT status FROM baskets WHERE id = OLD.basket_id) IS NOT 'open'
BEGIN
  SELECT RAISE(ABORT, 'basket is not open');
END;

CREATE TRIGGER basket_lines_no_delete BEFORE DELETE ON basket_lines
BEGIN
  SELECT RAISE(ABORT, 'basket lines are never deleted; set removed_at');
END;
