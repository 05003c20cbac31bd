-- Sales reports (issue 14, server/reports): a store's time zone, and the rollups the reports read.
--
-- A report over 10,000,000 sale lines cannot read the lines: it reads these rollups, kept by the same
-- statement that stores a batch's sales (server/events/bulk.ts, server/reports/rollup.ts), so a sale
-- counts in them exactly when it is stored, exactly once (the rollup rows are written only for events
-- the batch newly stored), and two HQ processes on one database add into the same rows safely (an
-- upsert adds to a row under its row lock). Days and hours are the STORE's local ones, in its zone.
-- Money is integer minor units; training sales are kept in their own rows (training = true), never
-- mixed into the real figures.

-- The store's IANA time zone (Asia/Shanghai): where its days begin and end. 'UTC' until set through
-- PUT /admin/v1/stores/:store/time-zone, which re-adds the store's rollups in the new zone.
ALTER TABLE stores ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';

-- A store's sales per local hour: what "by day", "by hour" and "by store" read.
CREATE TABLE sales_by_hour (
  store_id uuid NOT NULL,
  day date NOT NULL,
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  training boolean NOT NULL,
  currency text NOT NULL,
  sales bigint NOT NULL,
  total bigint NOT NULL,
  tax_total bigint NOT NULL,
  lines bigint NOT NULL,
  PRIMARY KEY (store_id, day, hour, training, currency)
);

-- A store's sold lines per local day and department (the product's department in HQ's catalog when the
-- sale arrived; '' for none): the lines and what the shopper paid for them (each line's `paid`).
CREATE TABLE sales_by_department (
  store_id uuid NOT NULL,
  day date NOT NULL,
  training boolean NOT NULL,
  currency text NOT NULL,
  department text NOT NULL,
  lines bigint NOT NULL,
  amount bigint NOT NULL,
  PRIMARY KEY (store_id, day, training, currency, department)
);

-- A store's tenders per local day: how the sales were paid (cash, merchant_qr, wallet_code, …).
CREATE TABLE sales_by_tender (
  store_id uuid NOT NULL,
  day date NOT NULL,
  training boolean NOT NULL,
  currency text NOT NULL,
  kind text NOT NULL,
  payments bigint NOT NULL,
  amount bigint NOT NULL,
  PRIMARY KEY (store_id, day, training, currency, kind)
);

-- Refunds and Z reports are few beside sales: the reports read them directly, by time.
CREATE INDEX refunds_by_time ON refunds (store_id, refunded_at);
CREATE INDEX events_z_reports_by_time ON events (store_id, occurred_at) WHERE type = 'shift.closed';

-- The sales stored before this migration, rolled up once (the same rules as server/reports/rebuild.ts).
INSERT INTO sales_by_hour (store_id, day, hour, training, currency, sales, total, tax_total, lines)
SELECT s.store_id, (s.sold_at AT TIME ZONE 'UTC')::date, extract(hour FROM s.sold_at AT TIME ZONE 'UTC')::smallint,
  s.training, s.currency, count(*), sum(s.total), sum(s.tax_total),
  sum(CASE
    WHEN json_typeof(e.payload -> 'lines') = 'array' THEN json_array_length(e.payload -> 'lines')
    WHEN json_typeof(e.payload -> 'receipt' -> 'lines') = 'array' THEN json_array_length(e.payload -> 'receipt' -> 'lines')
    ELSE 0 END)
FROM sales s JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO sales_by_department (store_id, day, training, currency, department, lines, amount)
SELECT s.store_id, (s.sold_at AT TIME ZONE 'UTC')::date, s.training, s.currency, coalesce(p.department, ''),
  count(*),
  sum(CASE
    WHEN json_typeof(l.line -> 'paid') = 'number' AND (l.line ->> 'paid') ~ '^-?[0-9]{1,15}$' THEN (l.line ->> 'paid')::bigint
    WHEN json_typeof(r.line -> 'paid') = 'number' AND (r.line ->> 'paid') ~ '^-?[0-9]{1,15}$' THEN (r.line ->> 'paid')::bigint
    WHEN json_typeof(r.line -> 'lineTotal') = 'number' AND (r.line ->> 'lineTotal') ~ '^-?[0-9]{1,15}$' THEN (r.line ->> 'lineTotal')::bigint
    ELSE 0 END)
FROM sales s
JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(e.payload -> 'lines') = 'array'
  THEN e.payload -> 'lines' ELSE coalesce(e.payload -> 'receipt' -> 'lines', '[]') END) WITH ORDINALITY AS l (line, n)
LEFT JOIN LATERAL (SELECT e.payload -> 'receipt' -> 'lines' -> (l.n::int - 1) AS line) r ON true
LEFT JOIN products p ON p.gtin = lpad(l.line ->> 'gtin', 14, '0')
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO sales_by_tender (store_id, day, training, currency, kind, payments, amount)
SELECT s.store_id, (s.sold_at AT TIME ZONE 'UTC')::date, s.training, s.currency, t.kind, count(*), sum(t.amount)
FROM sales s
JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
CROSS JOIN LATERAL (
  SELECT left(x ->> 'kind', 32) AS kind, (x ->> 'amount')::bigint AS amount
  FROM json_array_elements(CASE WHEN json_typeof(e.payload -> 'tenders') = 'array' THEN e.payload -> 'tenders' ELSE '[]' END) AS x
  WHERE json_typeof(x -> 'kind') = 'string' AND json_typeof(x -> 'amount') = 'number'
    AND (x ->> 'amount') ~ '^-?[0-9]{1,15}$'
  UNION ALL
  SELECT 'other', s.total
  WHERE json_typeof(e.payload -> 'tenders') IS DISTINCT FROM 'array'
) t
GROUP BY 1, 2, 3, 4, 5;
