-- The store key: one secret per store that every terminal of the store signs its LAN requests with
-- (the lane link, services/lanes/auth.ts). HQ makes it from crypto randomness when the store first
-- needs it and hands it to the store's devices at enrolment and on every sync (POST /v1/link). A
-- rotation keeps the old key until `previous_until`, so terminals that have not synced yet still
-- understand the ones that have. Readable only by whoever can read this database, like device secrets'
-- hashes and the token key: never logged, never shown by the back office.
CREATE TABLE store_keys (
  store_id uuid PRIMARY KEY REFERENCES stores (id),
  key text NOT NULL CHECK (length(key) >= 32),
  previous_key text CHECK (previous_key IS NULL OR length(previous_key) >= 32),
  previous_until timestamptz,
  rotated_at timestamptz NOT NULL DEFAULT now()
);

-- What a device says about itself on sync: its terminal id (the id on its receipts and its lane
-- number) and its role, so the attendant console learns the store's kiosks from HQ. Null until the
-- device has synced with a server that asks.
ALTER TABLE devices ADD COLUMN terminal_id text CHECK (terminal_id IS NULL OR terminal_id ~ '^[A-Za-z0-9]{1,8}$');
ALTER TABLE devices ADD COLUMN role text CHECK (role IS NULL OR role IN ('kiosk', 'counter', 'attendant'));
