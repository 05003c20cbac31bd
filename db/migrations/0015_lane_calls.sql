-- The lane link (services/lanes): a kiosk's calls for an attendant and its mode, kept in the lane's own
-- SQLite so a call raised while the attendant console is away — or before a restart — is still there
-- to deliver when the console returns.

-- One row per call: raised by the lane (Help, an unknown item, a payment it cannot confirm, a weighing
-- that needs an attendant, a scanner or printer gone), delivered to the console, acknowledged ("On my
-- way"), handled. An age check is not kept here: it is the basket's own hold (age_checks).
CREATE TABLE lane_calls (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN
    ('age-check', 'help', 'unknown-item', 'payment-unconfirmed', 'weight-check', 'device-fault')),
  detail TEXT NOT NULL CHECK (length(detail) <= 200),
  payment_id TEXT,
  check_id TEXT,
  raised_at TEXT NOT NULL,
  delivered_at TEXT,
  acknowledged_at TEXT,
  handled_at TEXT,
  handled_by TEXT
) STRICT;

-- What the console asks first: the open calls, oldest first.
CREATE INDEX lane_calls_open ON lane_calls (raised_at) WHERE handled_at IS NULL;

-- The lane's mode as the attendant last set it; no row means open.
CREATE TABLE lane_mode (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  mode TEXT NOT NULL CHECK (mode IN ('open', 'paused', 'closed')),
  changed_at TEXT NOT NULL
) STRICT;
