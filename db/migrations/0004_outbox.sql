-- Events waiting to go up to HQ. Each is written in the same transaction as the change it reports,
-- so a change and its event exist together or not at all. ids are UUIDv7 made on the terminal;
-- the server ingests idempotently on them. Rows stay after sending (sent_at set) as a local record.

CREATE TABLE outbox (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  type TEXT NOT NULL CHECK (type GLOB '[a-z]*.[a-z]*' AND type NOT GLOB '*[^a-z_.]*'),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  -- Terminal's clock when the change happened.
  occurred_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;

-- The sender only ever reads the pending tail.
CREATE INDEX outbox_pending ON outbox (sent_at) WHERE sent_at IS NULL;

-- An event's content is what HQ received; only its sent mark may change, once.
CREATE TRIGGER outbox_content_frozen BEFORE UPDATE OF id, type, payload, occurred_at ON outbox
BEGIN
  SELECT RAISE(ABORT, 'outbox events are immutable');
END;
