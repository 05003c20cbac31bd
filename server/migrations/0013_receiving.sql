-- Receiving deliveries, the delivery-once rule, purchase orders and transfers between stores (issue 13).

-- What a store expects to receive: a purchase order (`openlane server po import`) or another store's
-- transfer out (made from its `stock.transferred` event). Per line HQ keeps what has been received of
-- it (into stock) and damaged (arrived broken), from the `stock.received` events that name the delivery;
-- outstanding is expected − received, never below 0.
CREATE TABLE expected_deliveries (
  id uuid PRIMARY KEY,
  store_id uuid NOT NULL REFERENCES stores (id),
  kind text NOT NULL CHECK (kind IN ('purchase_order', 'transfer')),
  number text NOT NULL CHECK (number <> ''),
  source text NOT NULL, -- the supplier, or the sending store's code
  expected_on date,
  created_at timestamptz NOT NULL,
  -- A transfer's `stock.transferred` event at the sending store; null for a purchase order.
  from_event_id uuid,
  UNIQUE (store_id, kind, number)
);

CREATE TABLE expected_delivery_lines (
  delivery_id uuid NOT NULL REFERENCES expected_deliveries (id),
  position int NOT NULL,
  gtin text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  expected bigint NOT NULL CHECK (expected > 0),
  received bigint NOT NULL DEFAULT 0 CHECK (received >= 0),
  damaged bigint NOT NULL DEFAULT 0 CHECK (damaged >= 0),
  PRIMARY KEY (delivery_id, gtin)
);

-- An online terminal's claim on a delivery note's reference, made when its receiving starts: a second
-- terminal asking for the same reference is refused at once. `reference_key` is the reference trimmed
-- and lower-cased (core/sync/receiving.ts). Keyed by the receiving, so asking again is the same claim.
CREATE TABLE delivery_claims (
  store_id uuid NOT NULL REFERENCES stores (id),
  reference_key text NOT NULL,
  receiving_id uuid NOT NULL,
  device_id uuid NOT NULL,
  terminal_id text NOT NULL,
  staff_id text NOT NULL,
  claimed_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, reference_key)
);
CREATE UNIQUE INDEX delivery_claims_by_receiving ON delivery_claims (store_id, receiving_id);

-- The receiving that booked each reference: the first `stock.received` naming it. Another one naming the
-- same reference later moves no stock and raises a flag instead.
CREATE TABLE delivery_receipts (
  store_id uuid NOT NULL REFERENCES stores (id),
  reference_key text NOT NULL,
  reference text NOT NULL,
  receiving_id text, -- null for a `stock receive FILE.csv --reference` of an older terminal
  delivery_id uuid, -- the expected delivery it was against, when HQ knows it
  event_id uuid NOT NULL,
  device_id uuid NOT NULL,
  terminal_id text,
  staff_id text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, reference_key)
);

-- What HQ found wrong in a store's stock events, for the back office (GET /admin/v1/stock-flags):
-- `delivery_received_twice` names the receiving that booked the reference first and the one refused.
CREATE TABLE stock_flags (
  store_id uuid NOT NULL REFERENCES stores (id),
  event_id uuid NOT NULL,
  code text NOT NULL,
  reference text NOT NULL,
  details jsonb NOT NULL, -- { first: {receivingId, deviceId, terminalId, staffId, at}, second: {…}, lines }
  flagged_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, event_id)
);
CREATE INDEX stock_flags_by_time ON stock_flags (store_id, flagged_at);
