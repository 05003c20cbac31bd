-- Effective-dated price changes (issue 13): a price for a chain product from a moment on, chain-wide
-- (store_id null) or for one store. Terminals receive them ahead of time and apply each at its moment
-- with no network; the price in force is the latest change effective by then (the store's over the
-- chain's at the same moment), else the catalog's price.

-- One row, like catalog_version: an import takes the next version under its row lock, so versions are
-- handed out in commit order and a terminal's cursor never passes one still uncommitted. The same row
-- hands out the changes' ids (last_id), so no sequence is needed (as in every HQ table).
CREATE TABLE price_change_version (
  id int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL,
  last_id bigint NOT NULL
);
INSERT INTO price_change_version (id, version, last_id) VALUES (1, 0, 0);

CREATE TABLE price_changes (
  id bigint PRIMARY KEY,
  store_id uuid REFERENCES stores (id),
  gtin text NOT NULL REFERENCES products (gtin),
  price bigint NOT NULL CHECK (price >= 0),
  effective_at timestamptz NOT NULL,
  version bigint NOT NULL,
  -- When HQ took it in (the file's import): who priced what, and when, stays on record.
  imported_at timestamptz NOT NULL DEFAULT now()
);
-- One change per item, moment and scope: importing it again changes its price (and its version).
CREATE UNIQUE INDEX price_changes_once
  ON price_changes (gtin, effective_at, coalesce(store_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX price_changes_by_version ON price_changes (version, id);
