-- The product catalog: every terminal holds all of it and sells from it with no network.
-- Keyed by GTIN-14 so an EAN-13, UPC-A or EAN-8 scan finds the same row. WITHOUT ROWID stores the
-- row in the primary-key B-tree itself: a scan lookup is one tree descent, not index + table.
-- STRICT makes SQLite refuse a text price or a fractional tax rate instead of storing it.
CREATE TABLE products (
  gtin TEXT PRIMARY KEY NOT NULL CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  -- As printed on the pack (8, 12, 13 or 14 digits), kept for display and receipts.
  barcode TEXT NOT NULL CHECK (length(barcode) IN (8, 12, 13, 14) AND barcode NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- Minor units of the store currency; per kilogram when unit = 'kg'.
  price INTEGER NOT NULL CHECK (price >= 0),
  -- Basis points: 1300 = 13 %.
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  unit TEXT NOT NULL DEFAULT 'each' CHECK (unit IN ('each', 'kg')),
  -- Minimum age to buy, or NULL for none (0 is stored as NULL).
  age_limit INTEGER CHECK (age_limit IS NULL OR age_limit BETWEEN 1 AND 99),
  department TEXT,
  -- The terminal's clock (ms since the Unix epoch) when the row was last written.
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
