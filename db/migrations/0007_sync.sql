-- What the terminal knows of its HQ server. Credentials are not here: they live in DATA_DIR/hq.json
-- (mode 0600), so a copied database file carries no secret.

-- One row: where the catalog feed stands and how the last sync went.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  -- The nextCursor HQ last gave (`0` = no snapshot yet); written in the transaction of its page.
  catalog_cursor TEXT NOT NULL DEFAULT '0' CHECK (catalog_cursor <> ''),
  -- The HQ catalog version this terminal has caught up with (0 = none).
  catalog_version INTEGER NOT NULL DEFAULT 0 CHECK (catalog_version >= 0),
  -- Terminal clock, ISO 8601: when a sync was last tried, and last went through completely.
  last_attempt_at TEXT,
  last_success_at TEXT,
  -- Why the last attempt failed; NULL when it went through.
  last_error TEXT,
  -- HQ receive time minus this terminal's clock at the last push that measured it, in ms. Shown, never used
  -- to decide anything.
  clock_skew_ms INTEGER
) STRICT;

INSERT INTO sync_state (id) VALUES (1);

-- HQ's answer to each delivered outbox event, appended once. `rejected` rows are the terminal's own
-- dead-letter list; the event is still marked sent in the outbox, so it never holds back the ones after it.
CREATE TABLE outbox_results (
  event_id TEXT PRIMARY KEY NOT NULL REFERENCES outbox (id),
  status TEXT NOT NULL CHECK (status IN ('applied', 'duplicate', 'rejected')),
  reason_code TEXT,
  reason TEXT,
  -- Terminal clock when the answer arrived, and HQ's receive time of the batch (its clock).
  answered_at TEXT NOT NULL,
  server_received_at TEXT,
  CHECK ((status = 'rejected') = (reason_code IS NOT NULL AND reason IS NOT NULL))
) STRICT;

CREATE INDEX outbox_results_rejected ON outbox_results (answered_at) WHERE status = 'rejected';

CREATE TRIGGER outbox_results_no_update BEFORE UPDATE ON outbox_results
BEGIN
  SELECT RAISE(ABORT, 'HQ answers are kept as received');
END;

CREATE TRIGGER outbox_results_no_delete BEFORE DELETE ON outbox_results
BEGIN
  SELECT RAISE(ABORT, 'HQ answers are kept as received');
END;
