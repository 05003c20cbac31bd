-- What terminals send up: every accepted outbox event once, and the events that were refused.

CREATE TABLE events (
  store_id uuid NOT NULL REFERENCES stores (id),
  -- The terminal's UUIDv7. This key is the guard against doubles: a resent event is a duplicate.
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL, -- the terminal's clock
  received_at timestamptz NOT NULL, -- the server's clock
  PRIMARY KEY (store_id, id)
);

-- A refused event, kept as received so the store can see and fix it; it never holds back the rest.
CREATE TABLE dead_letters (
  store_id uuid NOT NULL REFERENCES stores (id),
  id uuid NOT NULL, -- made by the server (UUIDv7), so listing by id is listing by arrival
  event_key text, -- the event's id as sent, which may be malformed or missing
  device_id uuid NOT NULL,
  type text,
  reason_code text NOT NULL,
  reason text NOT NULL,
  event jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, id)
);
-- A refused event sent again is refused again without a second row.
CREATE UNIQUE INDEX dead_letters_once ON dead_letters (store_id, event_key);
