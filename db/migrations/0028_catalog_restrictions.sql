-- Sale restrictions set at HQ (issue 14), kept by the terminal so its lanes enforce them offline.
-- A product's own (the catalog feed's `noSale` and `maxPerBasket`): no_sale NULL follows its
-- department, '[]' is sold at any hour, else a JSON array of {"from","to"} HH:MM windows;
-- max_per_basket NULL is no maximum of its own.
ALTER TABLE products ADD COLUMN no_sale TEXT CHECK (no_sale IS NULL OR json_type(no_sale) = 'array');
ALTER TABLE products ADD COLUMN max_per_basket INTEGER
  CHECK (max_per_basket IS NULL OR max_per_basket BETWEEN 1 AND 9999);

-- The chain's rules per department as GET /v1/sale-rules last sent them, replaced whole on each change;
-- `version` is the feed's, sent back as `known` so an unchanged list is not sent again.
CREATE TABLE hq_department_rules (
  department TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(department) BETWEEN 1 AND 80),
  no_sale TEXT NOT NULL CHECK (json_type(no_sale) = 'array'),
  max_per_basket INTEGER CHECK (max_per_basket IS NULL OR max_per_basket BETWEEN 1 AND 9999)
) STRICT;

CREATE TABLE hq_sale_rules_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO hq_sale_rules_state (id, version) VALUES (1, 0);
