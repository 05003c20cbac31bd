-- The counters' Z reports, queryable: each arrives once as a `shift.closed` event (the terminal's
-- db/shifts.ts closeShift, deduplicated on the event id like every event), and this view reads its
-- figures as columns, so the back office and store IT ask "Z 12 of C01" or "every short drawer this
-- week" in plain SQL. A view over the event, not a copy: the Z report stays exactly what the terminal
-- sent. Amounts are integer minor units.
CREATE VIEW z_reports AS
SELECT
  e.store_id,
  e.id AS event_id,
  e.device_id,
  e.payload -> 'zReport' ->> 'terminalId' AS terminal_id,
  (e.payload -> 'zReport' ->> 'number')::integer AS number,
  e.payload -> 'zReport' ->> 'shiftId' AS shift_id,
  e.payload -> 'shift' ->> 'currency' AS currency,
  (e.payload -> 'shift' ->> 'openedAt')::timestamptz AS opened_at,
  e.payload -> 'shift' ->> 'openedBy' AS opened_by,
  (e.payload -> 'shift' ->> 'closedAt')::timestamptz AS closed_at,
  e.payload -> 'shift' ->> 'closedBy' AS closed_by,
  e.payload ->> 'approvedBy' AS approved_by,
  (e.payload -> 'zReport' -> 'figures' ->> 'openingFloat')::bigint AS opening_float,
  (e.payload -> 'zReport' -> 'figures' -> 'sales' ->> 'count')::integer AS sales_count,
  (e.payload -> 'zReport' -> 'figures' -> 'sales' ->> 'total')::bigint AS sales_total,
  (e.payload -> 'zReport' -> 'figures' -> 'tenders' ->> 'cash')::bigint AS cash,
  (e.payload -> 'zReport' -> 'figures' -> 'tenders' ->> 'merchant_qr')::bigint AS merchant_qr,
  (e.payload -> 'zReport' -> 'figures' -> 'tenders' ->> 'wallet_code')::bigint AS wallet_code,
  (e.payload -> 'zReport' -> 'figures' ->> 'rounding')::bigint AS rounding,
  (e.payload -> 'zReport' -> 'figures' -> 'refunds' ->> 'total')::bigint AS refunds_total,
  (e.payload -> 'zReport' -> 'figures' -> 'payIns' ->> 'total')::bigint AS pay_ins_total,
  (e.payload -> 'zReport' -> 'figures' -> 'payOuts' ->> 'total')::bigint AS pay_outs_total,
  (e.payload -> 'zReport' -> 'figures' ->> 'noSales')::integer AS no_sales,
  (e.payload -> 'zReport' -> 'figures' ->> 'expectedCash')::bigint AS expected_cash,
  (e.payload -> 'zReport' -> 'figures' -> 'count' ->> 'counted')::bigint AS counted_cash,
  (e.payload -> 'zReport' -> 'figures' -> 'count' ->> 'difference')::bigint AS difference,
  e.payload -> 'zReport' -> 'figures' AS figures,
  e.occurred_at,
  e.received_at
FROM events e
WHERE e.type = 'shift.closed';

-- "Z report N of terminal T" without reading every event of the store.
CREATE INDEX events_z_reports ON events (
  store_id, (payload -> 'zReport' ->> 'terminalId'), ((payload -> 'zReport' ->> 'number')::integer)
) WHERE type = 'shift.closed';
