-- What a GS1 code says about the one item scanned — its lot, its serial, its expiry — kept on the
-- line; the member a basket belongs to; and the recall list (HQ fills it later, a table now).

ALTER TABLE basket_lines ADD COLUMN lot TEXT CHECK (lot IS NULL OR lot <> '');
ALTER TABLE basket_lines ADD COLUMN serial TEXT CHECK (serial IS NULL OR serial <> '');
ALTER TABLE basket_lines ADD COLUMN expiry TEXT
  CHECK (expiry IS NULL OR expiry GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');

-- A serial (AI 21) names one unique item, so a live line carries it at most once: in the basket now
-- or in any sale before. Removing the line (or cancelling the basket) frees it; a sale never does.
-- This is the backstop; the code checks first to say which basket or sale holds it.
CREATE UNIQUE INDEX basket_lines_serial_once ON basket_lines (gtin, serial)
  WHERE serial IS NOT NULL AND removed_at IS NULL;

ALTER TABLE baskets ADD COLUMN member_program TEXT CHECK (member_program IS NULL OR member_program <> '');
ALTER TABLE baskets ADD COLUMN member_id TEXT CHECK (member_id IS NULL OR member_id <> '');

-- A recalled lot or serial of one product: scanning it is refused with the reason.
CREATE TABLE recalls (
  gtin TEXT NOT NULL CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  kind TEXT NOT NULL CHECK (kind IN ('lot', 'serial')),
  value TEXT NOT NULL CHECK (value <> ''),
  reason TEXT NOT NULL CHECK (reason <> ''),
  added_at TEXT NOT NULL,
  PRIMARY KEY (gtin, kind, value)
) STRICT, WITHOUT ROWID;
