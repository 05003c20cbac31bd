-- Recalls from HQ (issue 14). A recall has an id (HQ's), a GTIN, a reason and is active until HQ ends
-- it; it covers every pack of the GTIN, or only the lots (GS1 AI 10) and serials (AI 21) listed in
-- recall_values. It replaces migration 0005's list of one lot or serial per row: each of its rows
-- becomes a recall of its own, with the id `local:GTIN:KIND:VALUE`.
CREATE TABLE recall_list (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  gtin TEXT NOT NULL CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  reason TEXT NOT NULL CHECK (reason <> ''),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  ended_at TEXT,
  received_at TEXT NOT NULL
) STRICT;
CREATE INDEX recall_list_active ON recall_list (gtin) WHERE active = 1;

CREATE TABLE recall_values (
  recall_id TEXT NOT NULL REFERENCES recall_list (id),
  kind TEXT NOT NULL CHECK (kind IN ('lot', 'serial')),
  value TEXT NOT NULL CHECK (value <> ''),
  PRIMARY KEY (recall_id, kind, value)
) STRICT, WITHOUT ROWID;

-- Where the terminal is in HQ's recall feed (GET /v1/recalls): '0', or `version:id`.
CREATE TABLE recall_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT NOT NULL,
  synced_at TEXT NOT NULL
) STRICT;

INSERT INTO recall_list (id, gtin, reason, active, created_at, ended_at, received_at)
  SELECT 'local:' || gtin || ':' || kind || ':' || value, gtin, reason, 1, added_at, NULL, added_at FROM recalls;
INSERT INTO recall_values (recall_id, kind, value)
  SELECT 'local:' || gtin || ':' || kind || ':' || value, kind, value FROM recalls;
DROP TABLE recalls;
