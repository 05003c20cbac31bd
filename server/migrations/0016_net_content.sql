-- A product's net content (the catalog file's net_content column: 500 g, 1.5 l, 6 x 330 ml), whole
-- grams or millilitres, from which a terminal shows the unit price per kg or per litre of a piece.
-- The catalog feed sends it as the field `netContent` ({"amount": 1500, "unit": "ml"} or null); an
-- older terminal ignores the field, and a terminal treats its absence (an older HQ) as none.
ALTER TABLE products ADD COLUMN net_content int4 CHECK (net_content BETWEEN 1 AND 1000000);
ALTER TABLE products ADD COLUMN net_content_unit text
  CHECK ((net_content_unit IS NULL) = (net_content IS NULL) AND net_content_unit IN ('g', 'ml'));
