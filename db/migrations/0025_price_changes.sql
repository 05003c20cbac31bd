-- Effective-dated price changes HQ sends down ahead of time (issue 13), and the shelf labels printed.
--
-- A change is HQ's row (hq_id): chain-wide or for this terminal's store (store_level 1). The price in
-- force at a time is the latest change effective at or before it (the store's over the chain's at the
-- same time), else the catalog's price. effective_at is ms since the epoch (UTC), so no clock format
-- or time zone enters the comparison. HQ resending a row (a re-import) replaces it by hq_id.
CREATE TABLE price_changes (
  hq_id INTEGER PRIMARY KEY,
  gtin TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price >= 0),
  effective_at INTEGER NOT NULL,
  store_level INTEGER NOT NULL CHECK (store_level IN (0, 1)),
  received_at TEXT NOT NULL
);
CREATE INDEX price_changes_by_item ON price_changes (gtin, effective_at);
CREATE INDEX price_changes_by_time ON price_changes (effective_at);

-- Where the price-change feed is: HQ's cursor after the last change received.
CREATE TABLE price_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT NOT NULL
);

-- A shelf label printed: the item, the price and the date it took effect as printed, who printed it
-- and on which printer. The label queue leaves out what is here.
CREATE TABLE label_prints (
  id INTEGER PRIMARY KEY,
  gtin TEXT NOT NULL,
  price INTEGER NOT NULL,
  effective_at INTEGER,
  printer TEXT NOT NULL CHECK (printer IN ('receipt', 'label')),
  staff_id TEXT NOT NULL,
  printed_at TEXT NOT NULL
);
CREATE INDEX label_prints_by_item ON label_prints (gtin, price, effective_at);
