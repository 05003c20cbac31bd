-- The back office's catalog (issue 14): product search as you type over a million products, the jobs
-- of CSV imports (their progress, readable by any HQ process), and cancelling a dated price change.

-- Search by name in any language. pg_trgm would be the usual answer, but its trigrams need three
-- characters and, in a database whose ctype is C (PGlite's, and many servers'), skip CJK characters
-- entirely: '牛奶' would find nothing by index. Instead each product's lower-cased names are cut into
-- grams — every bigram and trigram, and every character beyond ASCII alone ('奶' is a fair query) —
-- kept in product_search with a GIN index: a query's grams must all be there (`@>`), then LIKE checks
-- the real substring. No extension, no locale, no trigger: the catalog's writer (server/catalog/
-- write.ts) refreshes a product's grams in the transaction that changes its names.

-- One row per live product (a deleted one leaves). The name is here to sort by, and the text the grams
-- were cut from to check the substring against, so a search reads this table alone until its last
-- 20 rows; and a write that leaves the names alone leaves the grams alone.
CREATE TABLE product_search (
  gtin text PRIMARY KEY REFERENCES products (gtin),
  name text NOT NULL,
  search_text text NOT NULL,
  grams text[] NOT NULL
);
CREATE INDEX product_search_grams ON product_search USING gin (grams);
-- Names in name order: a common substring ('milk', '金') is found faster by walking names in order and
-- keeping the first 20 that contain it than by sorting the many the gram index finds.
CREATE INDEX product_search_by_name ON product_search (name, gtin);
-- The products already here get their grams now, cut as server/catalog/grams.ts cuts them (a plain
-- lower-casing here; the next write of a product redoes them in JavaScript). Inline SQL rather than a
-- function: user-defined functions are not portable to CockroachDB (scripts/check-sql-portability.mjs).
INSERT INTO product_search (gtin, name, search_text, grams)
  SELECT p.gtin, p.name, t.text,
    (SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
      SELECT substr(t.text, i, 2) AS g FROM generate_series(1, length(t.text) - 1) AS i
      UNION ALL
      SELECT substr(t.text, i, 3) FROM generate_series(1, length(t.text) - 2) AS i
      UNION ALL
      SELECT substr(t.text, i, 1) FROM generate_series(1, length(t.text)) AS i
      WHERE ascii(substr(t.text, i, 1)) > 127) AS grams)
  FROM products p
  CROSS JOIN LATERAL (
    SELECT lower(p.name || coalesce(' ' || jsonb_path_query_array(p.names, '$.*')::text, '')) AS text
  ) AS t
  WHERE NOT p.deleted;

-- A one-character name query is answered by names starting with it, in name order. COLLATE "C" makes
-- one index serve both the prefix LIKE and the ORDER BY, whatever the database's collation.
CREATE INDEX products_by_lower_name ON products ((lower(name) COLLATE "C"), gtin);

-- A GTIN typed with or without its leading zeros ('6901', '06901', '00000012345'): the GTIN-14 without
-- them, searched by prefix. And a PLU by prefix.
CREATE INDEX products_by_short_gtin ON products ((ltrim(gtin, '0') COLLATE "C"));
CREATE INDEX products_by_plu ON products ((plu COLLATE "C"), gtin) WHERE plu IS NOT NULL;

-- A CSV import taken by the back office: its progress, written by the process running it and read by
-- any (behind a load balancer the next poll may reach another HQ process). The import itself stays one
-- transaction: a job that fails changes nothing but its own row.
CREATE TABLE office_import_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('catalog', 'store_prices')),
  store_code text,
  actor_name text NOT NULL,
  file_name text,
  -- validating → writing → done, or failed (with its errors) at either step.
  status text NOT NULL CHECK (status IN ('validating', 'writing', 'done', 'failed')),
  total_lines int NOT NULL,
  lines_done int NOT NULL DEFAULT 0,
  rows_written int,
  changed int,
  version bigint,
  message text,
  errors jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX office_import_jobs_by_time ON office_import_jobs (created_at DESC, id);

-- A dated price change cancelled before it took effect: kept on record, sent to terminals again (at a
-- new version) with `cancelled: true` so they drop it.
ALTER TABLE price_changes ADD COLUMN cancelled_at timestamptz;
ALTER TABLE price_changes ADD COLUMN changed_by text;
