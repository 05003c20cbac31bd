-- The counter's price overrides and discounts (issue 11): each is a row of the basket it changes, kept
-- with who gave it and who approved it (a supervisor, when it was above the giver's limit). A line's
-- override and its discount, and the basket's sale discount, are each at most one live row; replacing
-- or removing one marks the old row removed (never deleted), so the basket keeps its whole history.
-- Money is integer minor units; a percent is basis points (1000 = 10 %).
CREATE TABLE basket_adjustments (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  -- The line it changes; null for a whole-sale discount.
  line_id TEXT REFERENCES basket_lines (id),
  kind TEXT NOT NULL CHECK (kind IN ('price_override', 'line_discount', 'sale_discount')),
  -- price_override: the new unit price (per piece or per kg).
  unit_price INTEGER CHECK (unit_price IS NULL OR unit_price >= 0),
  -- line_discount, sale_discount: amount (minor units) or percent (basis points).
  discount_kind TEXT CHECK (discount_kind IS NULL OR discount_kind IN ('amount', 'percent')),
  discount_value INTEGER CHECK (discount_value IS NULL OR discount_value >= 0),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  staff_id TEXT NOT NULL CHECK (length(staff_id) BETWEEN 1 AND 64),
  approver_id TEXT CHECK (approver_id IS NULL OR length(approver_id) BETWEEN 1 AND 64),
  created_at TEXT NOT NULL,
  removed_at TEXT,
  CHECK ((kind = 'sale_discount') = (line_id IS NULL)),
  CHECK ((kind = 'price_override') = (unit_price IS NOT NULL)),
  CHECK ((kind = 'price_override') = (discount_kind IS NULL AND discount_value IS NULL)),
  CHECK (discount_kind <> 'percent' OR discount_value <= 10000)
) STRICT;

-- At most one live adjustment of each kind per line, and one live sale discount per basket.
CREATE UNIQUE INDEX basket_adjustments_live ON basket_adjustments (basket_id, kind, coalesce(line_id, ''))
  WHERE removed_at IS NULL;

CREATE TRIGGER basket_adjustments_no_delete BEFORE DELETE ON basket_adjustments
BEGIN
  SELECT RAISE(ABORT, 'basket adjustments are never deleted');
END;
