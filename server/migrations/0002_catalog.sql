-- The chain catalog, store-level price overrides, and the version counter that orders their changes.

-- One row. Every catalog write updates it inside its own transaction: the row lock makes writers take
-- versions in commit order, so a reader's cursor can never pass a version that is still uncommitted.
CREATE TABLE catalog_version (
  id int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

-- A deleted product stays as a tombstone, so terminals that had it learn of the delete.
CREATE TABLE products (
  gtin text PRIMARY KEY CHECK (gtin ~ '^[0-9]{14}$'),
  barcode text NOT NULL,
  name text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  price bigint NOT NULL CHECK (price >= 0),
  tax_rate_bp int NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  unit text NOT NULL CHECK (unit IN ('each', 'kg')),
  age_limit int CHECK (age_limit BETWEEN 1 AND 99),
  department text,
  deleted boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_by_version ON products (version, gtin);

-- A store's own price for a chain product; a deleted override falls back to the chain price.
CREATE TABLE store_prices (
  store_id uuid NOT NULL REFERENCES stores (id),
  gtin text NOT NULL REFERENCES products (gtin),
  price bigint NOT NULL CHECK (price >= 0),
  deleted boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, gtin)
);
CREATE INDEX store_prices_by_version ON store_prices (store_id, version, gtin);
