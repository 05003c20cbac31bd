-- A sale's receipt was kept twice: in its event's payload and again in sales.receipt. It is kept once
-- now, in the event (the record as the terminal sent it); the view below reads it with its sale, so
-- a report joins nothing by hand. Half the JSON to store per sale, and half to compress.

CREATE VIEW sale_receipts AS
SELECT s.store_id, s.id AS sale_id, s.receipt_number, e.payload -> 'receipt' AS receipt
FROM sales s
JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id;

ALTER TABLE sales DROP COLUMN receipt;
