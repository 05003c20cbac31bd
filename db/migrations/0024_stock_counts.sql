-- Stock on hand and counting at the store (issue 13).
--
-- HQ's stock levels as the sync last read them (GET /v1/stock?since=…), so the item card shows on hand
-- offline. `ack_mark` is the highest outbox_results rowid when the pull that read the row began: HQ's
-- level includes every event of this terminal HQ had answered (applied or duplicate) by then, and none
-- answered after. On hand = this level + the movements of events not answered by that mark.
CREATE TABLE hq_stock_levels (
  gtin TEXT PRIMARY KEY NOT NULL CHECK (length(gtin) = 14),
  on_hand INTEGER NOT NULL,
  version INTEGER NOT NULL,
  ack_mark INTEGER NOT NULL,
  read_at TEXT NOT NULL
) STRICT;

-- The feed's cursor (HQ's change marker `version:gtin`), and the mark of the last pull that reached the
-- end: every row is HQ's level as of that pull, whether the pull re-read it or not (unchanged rows are
-- not sent again). `as_of` is null until a pull has completed once.
CREATE TABLE hq_stock_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT NOT NULL DEFAULT '',
  ack_mark INTEGER NOT NULL DEFAULT 0,
  as_of TEXT
) STRICT;
INSERT INTO hq_stock_feed (id) VALUES (1);

-- A count: of a department, a location label or a list of items. One open session per scope on this
-- terminal; every device counting through it joins that one.
CREATE TABLE count_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  scope TEXT NOT NULL CHECK (json_valid(scope)),
  scope_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'finished')),
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  finished_at TEXT,
  finished_by TEXT,
  CHECK ((state = 'finished') = (finished_at IS NOT NULL AND finished_by IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX count_sessions_one_open ON count_sessions (scope_key) WHERE state = 'open';

-- A count line: `quantity` more of an item seen at a location, by a device and a staff member, at a
-- time. Its `stock.counted` event (event_id) carries the device's running total there.
CREATE TABLE count_lines (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES count_sessions (id),
  gtin TEXT NOT NULL CHECK (length(gtin) = 14),
  location TEXT NOT NULL CHECK (length(location) BETWEEN 1 AND 64),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  device_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  counted_at TEXT NOT NULL,
  event_id TEXT NOT NULL REFERENCES outbox (id)
) STRICT;
CREATE INDEX count_lines_session ON count_lines (session_id, gtin, location, device_id);

CREATE TRIGGER count_lines_no_update BEFORE UPDATE ON count_lines
BEGIN
  SELECT RAISE(ABORT, 'count lines are never changed');
END;
