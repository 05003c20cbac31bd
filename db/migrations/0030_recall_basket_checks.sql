-- Recalls reach what is already in a basket (services/checkout/basket-recalls.ts, lot-checks.ts).

-- A basket line a recall reached after it was scanned, reported to HQ once (`recall.blocked`, written in
-- the same transaction) the first time it stopped the basket going to payment.
CREATE TABLE recall_line_blocks (
  line_id TEXT PRIMARY KEY NOT NULL REFERENCES basket_lines (id),
  recall_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  blocked_at TEXT NOT NULL
) STRICT;

-- A kiosk's lot check: a plain EAN of a product with a lot recall was held, and an attendant is called
-- to read the lot on the pack. Accepted (another lot): the pack sells, as `line_id`, and the recalls
-- the attendant checked it against (`recall_ids`, a JSON array) no longer hold that line. Refused: the
-- pack is put aside and nothing is added.
CREATE TABLE lot_checks (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  gtin TEXT NOT NULL CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  code TEXT NOT NULL CHECK (code <> '' AND length(code) <= 200),
  name TEXT NOT NULL CHECK (name <> ''),
  recall_ids TEXT NOT NULL CHECK (json_valid(recall_ids) AND json_type(recall_ids) = 'array'),
  raised_at TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('accepted', 'refused')),
  decided_by TEXT,
  decided_at TEXT,
  line_id TEXT REFERENCES basket_lines (id),
  CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
  CHECK (line_id IS NULL OR decision = 'accepted')
) STRICT;

-- One waiting check per product and basket: the same pack scanned again is the same call.
CREATE UNIQUE INDEX lot_checks_waiting ON lot_checks (basket_id, gtin) WHERE decision IS NULL;
CREATE INDEX lot_checks_line ON lot_checks (line_id) WHERE line_id IS NOT NULL;
