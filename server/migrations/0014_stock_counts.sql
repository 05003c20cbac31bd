-- Stock levels down to the terminals, and counts taken at their moment (issue 13).
--
-- A change marker per store: every write of stock_levels takes the store's next version, from one
-- locked row (as the catalog version does), so versions are handed out in commit order and a terminal
-- asking "what changed after version V" never misses a row committed late.
CREATE TABLE stock_level_versions (
  store_id uuid PRIMARY KEY,
  version bigint NOT NULL
);
ALTER TABLE stock_levels ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE INDEX stock_levels_changes ON stock_levels (store_id, version, gtin);

-- A count session's adjustments are tagged with it, so a count recomputed later (a line arriving late, a
-- sale from before the count arriving after it) books only the difference.
ALTER TABLE stock_movements ADD COLUMN count_session text;
CREATE INDEX stock_movements_by_time ON stock_movements (store_id, gtin, occurred_at);
CREATE INDEX stock_movements_by_count ON stock_movements (store_id, count_session, gtin)
  WHERE count_session IS NOT NULL;

-- Every line a count session sent: a device's running total of an item at a location, when it was
-- counted (the terminal's clock) and by whom. Idempotent on the line's id.
CREATE TABLE count_lines (
  store_id uuid NOT NULL,
  line_id text NOT NULL,
  session_id text NOT NULL,
  gtin text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  location text NOT NULL,
  counter text NOT NULL,
  device_id uuid NOT NULL,
  staff_id text NOT NULL,
  counted bigint NOT NULL CHECK (counted >= 0),
  counted_at timestamptz NOT NULL,
  event_id uuid NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, line_id)
);
CREATE INDEX count_lines_item ON count_lines (store_id, session_id, gtin);

-- A session's count of one item: the counted total (locations summed), the moment it stands for (its
-- latest line used), the adjustment booked for it so far, and whether a review holds it.
CREATE TABLE count_items (
  store_id uuid NOT NULL,
  session_id text NOT NULL,
  gtin text NOT NULL,
  counted bigint NOT NULL,
  anchor_at timestamptz NOT NULL,
  adjusted bigint NOT NULL DEFAULT 0,
  held boolean NOT NULL,
  PRIMARY KEY (store_id, session_id, gtin)
);
CREATE INDEX count_items_by_gtin ON count_items (store_id, gtin, anchor_at);

-- Two devices counted one item in one location of a session: neither is summed until a reviewer
-- accepts one of them.
CREATE TABLE count_reviews (
  id uuid PRIMARY KEY,
  store_id uuid NOT NULL,
  session_id text NOT NULL,
  gtin text NOT NULL,
  location text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'accepted')),
  accepted_counter text,
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (store_id, session_id, gtin, location),
  CHECK ((state = 'accepted') = (accepted_counter IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX count_reviews_open ON count_reviews (store_id, created_at) WHERE state = 'open';
