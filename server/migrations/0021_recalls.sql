-- Recalls (issue 14): a product recalled chain-wide — every pack of a GTIN, or listed lots (GS1 AI 10)
-- and/or serials (AI 21) — with its reason, who made it and when, until someone ends it. Terminals pull
-- them (GET /v1/recalls) and refuse what a recall covers; each refusal comes back as a `recall.blocked`
-- event, kept in `events` like every other, and read as the recall's attempts.

-- One row, like catalog_version and price_change_version: creating or ending a recall takes the next
-- version under its row lock, so versions are handed out in commit order and a terminal's cursor never
-- passes one still uncommitted.
CREATE TABLE recall_version (
  id int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO recall_version (id, version) VALUES (1, 0);

CREATE TABLE recalls (
  id uuid PRIMARY KEY,
  gtin text NOT NULL CHECK (length(gtin) = 14 AND translate(gtin, '0123456789', '') = ''),
  -- JSON arrays of strings; both empty: every pack of the GTIN.
  lots jsonb NOT NULL CHECK (jsonb_typeof(lots) = 'array'),
  serials jsonb NOT NULL CHECK (jsonb_typeof(serials) = 'array'),
  reason text NOT NULL CHECK (reason <> ''),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  ended_by text,
  ended_at timestamptz,
  -- Taken at creation and again at the end, so an ended recall comes down the feed once more.
  version bigint NOT NULL
);
CREATE INDEX recalls_by_version ON recalls (version, id);
CREATE INDEX recalls_by_gtin ON recalls (gtin);

-- A recall's attempts are its `recall.blocked` events: found by the recall they name.
CREATE INDEX events_recall_attempts ON events ((payload ->> 'recallId'), occurred_at)
  WHERE type = 'recall.blocked';
