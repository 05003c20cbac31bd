-- Stores, the one-time codes that enrol a terminal into a store, and the enrolled devices.
-- Keys are UUIDs and store-scoped, so the schema also fits Postgres-compatible distributed engines.

CREATE TABLE stores (
  id uuid PRIMARY KEY,
  -- The code people type (`--store S001`); letters, digits and '_' as in receipt numbers.
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_]{1,32}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only a hash of each code is kept: reading the table does not let anyone enrol a device.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  store_id uuid NOT NULL REFERENCES stores (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid
);

CREATE TABLE devices (
  store_id uuid NOT NULL REFERENCES stores (id),
  id uuid NOT NULL UNIQUE,
  name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 64),
  -- scrypt$N$r$p$salt$hash: the device's secret is never stored.
  secret_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  -- Server receive time minus the terminal's clock at its last batch; shown, never used to decide.
  clock_skew_ms bigint,
  PRIMARY KEY (store_id, id)
);

-- The key that signs device tokens, made on first start and shared by every server on this database.
CREATE TABLE server_keys (
  name text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
