-- Product names in other languages and loose produce (the catalog file's name_<tag>, plu and grid
-- columns). The catalog feed sends them as the fields `names`, `plu` and `grid`; a terminal that does
-- not know them ignores them (it picks the fields it knows), and one that does treats their absence
-- (an older HQ) as no names, no PLU, not in the grid.
ALTER TABLE products ADD COLUMN names jsonb CHECK (names IS NULL OR jsonb_typeof(names) = 'object');
ALTER TABLE products ADD COLUMN plu text CHECK (plu ~ '^[0-9]{4,5}$');
ALTER TABLE products ADD COLUMN grid boolean NOT NULL DEFAULT false;
