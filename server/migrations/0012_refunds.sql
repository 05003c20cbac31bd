-- Refunds as HQ knows them (issue 12): each `refund.completed` event a terminal sends, the lines and
-- tenders it gave back, the claims an online terminal makes before it refunds, and the flags HQ raises
-- when a refund took back more than the sale sold. A sale line is named by its index in the sale's
-- receipt (`line`, 0-based); quantities are pieces, or grams for a weighed line; money is minor units.
-- Like the sales tables, these carry no foreign key to stores: each row is written for the store of an
-- authenticated device.

-- A refund as the terminal recorded it. `receipt_number` is null for a return without a receipt. A
-- training refund (a terminal in training mode) is kept apart like a training sale: it counts only
-- against training sales, moves no stock and raises no flag.
CREATE TABLE refunds (
  store_id uuid NOT NULL,
  id uuid NOT NULL, -- the terminal's refund id
  event_id uuid NOT NULL,
  device_id uuid NOT NULL,
  refund_number text NOT NULL,
  receipt_number text,
  terminal_id text NOT NULL,
  staff_id text NOT NULL,
  approved_by text,
  shift_id text,
  currency text NOT NULL,
  total bigint NOT NULL,
  tax_total bigint NOT NULL,
  cash_rounding bigint NOT NULL,
  refunded_at timestamptz NOT NULL, -- the terminal's clock
  received_at timestamptz NOT NULL, -- the server's clock
  offline boolean NOT NULL,
  training boolean NOT NULL,
  PRIMARY KEY (store_id, id)
);
-- "What has come back of this sale": read by every sale view, claim and refund of the sale.
CREATE INDEX refunds_by_receipt ON refunds (store_id, receipt_number) WHERE receipt_number IS NOT NULL;

-- A refunded line: `line` is the sale line (null without a receipt), `position` its place in the refund.
CREATE TABLE refund_lines (
  store_id uuid NOT NULL,
  refund_id uuid NOT NULL,
  position int NOT NULL,
  line int,
  gtin text,
  unit text NOT NULL,
  quantity bigint NOT NULL CHECK (quantity > 0),
  amount bigint NOT NULL CHECK (amount >= 0),
  reason text NOT NULL,
  disposition text NOT NULL CHECK (disposition IN ('restock', 'write_off')),
  PRIMARY KEY (store_id, refund_id, position)
);

-- How the money went back: a code tender names the sale's payment it refunded (null for cash).
CREATE TABLE refund_tenders (
  store_id uuid NOT NULL,
  refund_id uuid NOT NULL,
  position int NOT NULL,
  kind text NOT NULL,
  amount bigint NOT NULL,
  payment_id text,
  reference text,
  PRIMARY KEY (store_id, refund_id, position)
);

-- An online terminal's claim on sale lines, granted before it refunds them: it counts against the sale
-- until the refund with the same id arrives (then the refund counts instead). Refused claims are not
-- kept. The claim's key is the refund id, so asking again is the same claim.
CREATE TABLE refund_claims (
  store_id uuid NOT NULL,
  refund_id uuid NOT NULL,
  receipt_number text NOT NULL,
  device_id uuid NOT NULL,
  terminal_id text NOT NULL,
  staff_id text NOT NULL,
  lines jsonb NOT NULL, -- [{ "line": 0, "quantity": 1 }], as granted
  claimed_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, refund_id)
);
CREATE INDEX refund_claims_by_receipt ON refund_claims (store_id, receipt_number);

-- A refund that, with the refunds and open claims before it, took back more of a sale's lines than the
-- sale sold (an offline refund, most likely): the money went out, so the refund is recorded all the
-- same, and this row is what the back office shows. `involved` names every refund and claim on those
-- lines with its terminal, staff and approver; `terminal_ids` and `staff_ids` are the same names as
-- arrays, for "every flag involving C02".
CREATE TABLE refund_flags (
  store_id uuid NOT NULL,
  refund_id uuid NOT NULL,
  receipt_number text NOT NULL,
  code text NOT NULL,
  lines jsonb NOT NULL, -- [{ line, sold, before, refunded, excess, excessAmount }]
  excess_amount bigint NOT NULL,
  involved jsonb NOT NULL, -- [{ kind: refund | claim, refundId, refundNumber, terminalId, staffId, approvedBy, offline }]
  terminal_ids text[] NOT NULL,
  staff_ids text[] NOT NULL,
  flagged_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, refund_id)
);
CREATE INDEX refund_flags_by_time ON refund_flags (store_id, flagged_at);

-- A restocked line goes back on the shelf: a movement of its own kind, `return` (+quantity).
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check
  CHECK (kind IN ('sale', 'delivery', 'adjustment', 'transfer_out', 'transfer_in', 'return'));

-- Finding a sale to refund: every search is bounded by time (a day, or the last 90 days), newest first,
-- and filters amount and masked code within it; one index serves it. (An index by total too cost every
-- sale's ingest another index write; the receipt number already has sales_receipt_number_once.)
CREATE INDEX sales_by_time ON sales (store_id, sold_at DESC);
