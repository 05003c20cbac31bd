-- Product names in the shopper's language and loose produce sold from the kiosk's PLU grid.
-- names: a JSON object of BCP 47 tag → name ({"zh-CN": "香蕉"}), NULL when the product has none; kept
-- in the product's row so a scan needs no second table, and read only when a line is added.
ALTER TABLE products ADD COLUMN names TEXT
  CHECK (names IS NULL OR (json_valid(names) AND json_type(names) = 'object'));
-- The IFPS price look-up number (4011 bananas, 94011 organic ones). Not unique in the schema: a sync
-- page may move a PLU from one product to another in either order; the catalog file checks it.
ALTER TABLE products ADD COLUMN plu TEXT CHECK (plu IS NULL OR (length(plu) IN (4, 5) AND plu NOT GLOB '*[^0-9]*'));
-- Shown in the kiosk's "Fruit & vegetables" grid.
ALTER TABLE products ADD COLUMN grid INTEGER NOT NULL DEFAULT 0 CHECK (grid IN (0, 1));
-- The grid lists a dozen or a few hundred products of a million: an index of just those.
CREATE INDEX products_grid ON products (gtin) WHERE grid = 1;
CREATE INDEX products_plu ON products (plu) WHERE plu IS NOT NULL;

-- A line copies the names it was sold under, as it copies the name and price (see 0002).
ALTER TABLE basket_lines ADD COLUMN names TEXT
  CHECK (names IS NULL OR (json_valid(names) AND json_type(names) = 'object'));

-- The language the shopper chose for this basket: a reload of the kiosk keeps it, the next shopper's
-- basket starts in the store's default. NULL: the shopper never chose.
ALTER TABLE baskets ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 35);
