-- A fresh catalog snapshot taken because HQ's database was restored from an older backup
-- (db/sync.ts restartCatalogSnapshot): the products it has brought so far, and whether one is under
-- way. Kept in the file rather than in a TEMP table, so a terminal that stops mid-snapshot still
-- removes, once the snapshot is complete, every product HQ no longer has.

ALTER TABLE sync_state ADD COLUMN snapshot_restarted INTEGER NOT NULL DEFAULT 0
  CHECK (snapshot_restarted IN (0, 1));

CREATE TABLE catalog_snapshot (gtin TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID;
