-- On-hand per product kept beside the ledger, so reading stock (and flagging it negative) costs one
-- row instead of a sum over a product's whole history. It is the ledger's sum, updated in the same
-- transaction as the movements; the ledger stays the record, and a check can always recompute it.
-- Its row lock also serialises counts of one product, so the count locks table is no longer needed.

CREATE TABLE stock_levels (
  store_id uuid NOT NULL REFERENCES stores (id),
  gtin text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  on_hand bigint NOT NULL,
  movements bigint NOT NULL,
  PRIMARY KEY (store_id, gtin)
);

INSERT INTO stock_levels (store_id, gtin, on_hand, movements)
SELECT store_id, gtin, sum(quantity), count(*) FROM stock_movements GROUP BY store_id, gtin;

DROP TABLE stock_count_locks;
