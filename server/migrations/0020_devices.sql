-- Stores and devices in the back office (issue 14): a store's name, and what each device last told HQ
-- about itself on sync (POST /v1/telemetry), so the office sees at a glance which lane needs a look.
-- Every column is nullable: a device enrolled before this, or one that has not reported yet, has none.

-- The name people call the store by ("Riverside"); its code stays the key terminals and files use.
ALTER TABLE stores ADD COLUMN name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 80);

-- When the device last reported, by HQ's clock.
ALTER TABLE devices ADD COLUMN reported_at timestamptz;
-- The OpenLane version it runs (package.json's version).
ALTER TABLE devices ADD COLUMN software_version text
  CHECK (software_version IS NULL OR length(software_version) BETWEEN 1 AND 40);
-- The HQ catalog version it has caught up with.
ALTER TABLE devices ADD COLUMN catalog_version bigint CHECK (catalog_version IS NULL OR catalog_version >= 0);
-- Its outbox when it reported: events and finished sales still waiting to come up, and when the oldest
-- was made (converted to HQ's clock with the report's own skew, so its age can be read against now()).
ALTER TABLE devices ADD COLUMN outbox_pending integer CHECK (outbox_pending IS NULL OR outbox_pending >= 0);
ALTER TABLE devices ADD COLUMN outbox_pending_sales integer
  CHECK (outbox_pending_sales IS NULL OR outbox_pending_sales >= 0);
ALTER TABLE devices ADD COLUMN outbox_oldest_at timestamptz;
-- Who revoked it, for the screen (the audit log keeps the whole story).
ALTER TABLE devices ADD COLUMN revoked_by text;
