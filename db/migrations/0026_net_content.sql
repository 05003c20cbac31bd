-- A product's net content (the catalog file's net_content column: 500 g, 1.5 l), from which the price
-- check and the shelf label show the unit price per kg or per litre of an item sold by the piece.
-- Whole grams or millilitres (a multipack's total; the table is STRICT); both NULL when unknown.
ALTER TABLE products ADD COLUMN net_content INTEGER
  CHECK (net_content IS NULL OR net_content BETWEEN 1 AND 1000000);
ALTER TABLE products ADD COLUMN net_content_unit TEXT
  CHECK ((net_content_unit IS NULL) = (net_content IS NULL) AND coalesce(net_content_unit IN ('g', 'ml'), 1));
