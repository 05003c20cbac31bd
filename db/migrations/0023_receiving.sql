-- Receiving deliveries and transferring out (issue 13).
--
-- `expected_deliveries` caches what HQ sent down (GET /v1/deliveries): the purchase orders and incoming
-- transfers of this store not yet received in full, so a delivery can be received against one with no
-- network. Replaced whole on each sync; `received` is what HQ knew was received of a line then.
CREATE TABLE expected_deliveries (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('purchase_order', 'transfer')),
  number TEXT NOT NULL CHECK (number <> ''),
  source TEXT NOT NULL, -- the supplier, or the sending store's code
  expected_on TEXT,
  fetched_at TEXT NOT NULL
) STRICT;

CREATE TABLE expected_delivery_lines (
  delivery_id TEXT NOT NULL REFERENCES expected_deliveries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  gtin TEXT NOT NULL,
  expected INTEGER NOT NULL CHECK (expected > 0),
  received INTEGER NOT NULL CHECK (received >= 0),
  damaged INTEGER NOT NULL CHECK (damaged >= 0),
  PRIMARY KEY (delivery_id, gtin)
) STRICT;

-- A receiving: one delivery note taken in on this terminal (or on a handheld through it), by a staff
-- member. `reference_key` is the note's reference normalised (trimmed, case-insensitive): a store takes a
-- delivery note once, so no two receivings here that are not cancelled share it. The expected delivery's
-- kind and number are copied, so the receiving reads the same after the cache is replaced.
CREATE TABLE receivings (
  id TEXT PRIMARY KEY NOT NULL,
  reference TEXT NOT NULL CHECK (reference <> ''),
  reference_key TEXT NOT NULL CHECK (reference_key <> ''),
  supplier TEXT NOT NULL,
  delivery_id TEXT,
  delivery_kind TEXT CHECK (delivery_kind IN ('purchase_order', 'transfer')),
  delivery_number TEXT,
  state TEXT NOT NULL CHECK (state IN ('open', 'finished', 'cancelled')),
  staff_id TEXT NOT NULL CHECK (staff_id <> ''),
  terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),
  -- 'cli' for `openlane stock receive FILE.csv --reference …`, else the stock screen.
  source TEXT NOT NULL DEFAULT 'screen' CHECK (source IN ('screen', 'cli')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  CHECK ((delivery_id IS NULL) = (delivery_kind IS NULL) AND (delivery_id IS NULL) = (delivery_number IS NULL)),
  CHECK ((state = 'open') = (finished_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX receivings_reference_once ON receivings (reference_key) WHERE state <> 'cancelled';

-- What a receiving took in of each item: `received` went into stock, `damaged` came broken (counted
-- apart, not into stock); `expected` from the delivery (0 for an item it did not list).
CREATE TABLE receiving_lines (
  receiving_id TEXT NOT NULL REFERENCES receivings (id),
  gtin TEXT NOT NULL,
  position INTEGER NOT NULL,
  expected INTEGER NOT NULL CHECK (expected >= 0),
  received INTEGER NOT NULL CHECK (received >= 0),
  damaged INTEGER NOT NULL CHECK (damaged >= 0),
  PRIMARY KEY (receiving_id, gtin)
) STRICT;

-- A transfer out to another store: a gap-free number on this terminal (store-terminal-T000001, so
-- terminals never collide offline), which the receiving store sees as its expected delivery.
CREATE TABLE transfers_out (
  id TEXT PRIMARY KEY NOT NULL,
  number TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
  to_store TEXT NOT NULL CHECK (to_store <> ''),
  lines TEXT NOT NULL, -- JSON [{ gtin, quantity }]
  staff_id TEXT NOT NULL CHECK (staff_id <> ''),
  terminal_id TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
