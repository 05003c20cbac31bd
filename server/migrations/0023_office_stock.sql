-- Stock, purchase orders and sync problems in the back office (issue 14).

-- A purchase order made on screen starts as a draft that no terminal sees; sending it to its store makes
-- it an expected delivery the store's terminals download (GET /v1/deliveries). Imported files and
-- transfers were always sent at once, so every delivery already here is `sent`. Partly received and
-- received are not stored: they are read from the lines' received against expected.
ALTER TABLE expected_deliveries ADD COLUMN state text NOT NULL DEFAULT 'sent'
  CHECK (state IN ('draft', 'sent'));
ALTER TABLE expected_deliveries ADD COLUMN sent_at timestamptz;
ALTER TABLE expected_deliveries ADD COLUMN created_by text;
UPDATE expected_deliveries SET sent_at = created_at;
CREATE INDEX expected_deliveries_by_time ON expected_deliveries (store_id, kind, created_at);

-- A dead letter is open until someone in the office resolves it: `applied` when a retry got it through
-- the ingest (its cause fixed), `dismissed` with who and why. It is never deleted: the record stays.
ALTER TABLE dead_letters ADD COLUMN state text NOT NULL DEFAULT 'open'
  CHECK (state IN ('open', 'applied', 'dismissed'));
ALTER TABLE dead_letters ADD COLUMN resolved_by text;
ALTER TABLE dead_letters ADD COLUMN resolved_at timestamptz;
ALTER TABLE dead_letters ADD COLUMN resolution_note text;
ALTER TABLE dead_letters ADD COLUMN retries int NOT NULL DEFAULT 0;
ALTER TABLE dead_letters ADD COLUMN last_retried_at timestamptz;
CREATE INDEX dead_letters_by_state ON dead_letters (store_id, state, received_at);
