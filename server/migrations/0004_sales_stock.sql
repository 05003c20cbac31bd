-- Sales as the terminals recorded them, and stock as a ledger of signed movements.

CREATE TABLE sales (
  store_id uuid NOT NULL REFERENCES stores (id),
  id uuid NOT NULL, -- the terminal's sale id
  event_id uuid NOT NULL,
  device_id uuid NOT NULL,
  receipt_number text NOT NULL,
  terminal_id text NOT NULL,
  currency text NOT NULL,
  total bigint NOT NULL,
  tax_total bigint NOT NULL,
  sold_at timestamptz NOT NULL, -- the terminal's clock
  received_at timestamptz NOT NULL, -- the server's clock
  receipt jsonb NOT NULL,
  PRIMARY KEY (store_id, id),
  CONSTRAINT sales_receipt_number_once UNIQUE (store_id, receipt_number)
);

-- On-hand is the sum of a product's movements; no quantity is ever overwritten. Quantities are pieces
-- for `each` products and grams for `kg` ones. A movement's key is its event and line: written once.
CREATE TABLE stock_movements (
  store_id uuid NOT NULL REFERENCES stores (id),
  event_id uuid NOT NULL,
  line_no int NOT NULL,
  gtin text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  quantity bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sale', 'delivery', 'adjustment', 'transfer_out', 'transfer_in')),
  -- For an adjustment made from a stock count: the quantity counted.
  counted bigint,
  device_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, event_id, line_no)
);
CREATE INDEX stock_movements_by_gtin ON stock_movements (store_id, gtin);

-- One row per product a store has counted: locked while a count becomes an adjustment, so two counts
-- of the same product are computed one after the other and neither is lost.
CREATE TABLE stock_count_locks (
  store_id uuid NOT NULL REFERENCES stores (id),
  gtin text NOT NULL,
  last_counted_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, gtin)
);
