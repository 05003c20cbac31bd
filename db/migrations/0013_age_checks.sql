-- Age checks (services/checkout/restrictions.ts): an attendant's decision on a basket holding
-- age-restricted items, after seeing the shopper's ID. `approved` lifts the hold on the basket's
-- restricted lines (which ones: core/restrictions/age-hold.ts, by age_limit and covers_position);
-- `refused` goes with the restricted lines voided. The journal's `override` entry, written in the same
-- transaction, is the audit record; this table is what the till reads to know whether Pay is held.

CREATE TABLE age_checks (
  id TEXT PRIMARY KEY NOT NULL,
  basket_id TEXT NOT NULL REFERENCES baskets (id),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
  -- The limit the shopper was checked against: the highest of the lines waiting then.
  age_limit INTEGER NOT NULL CHECK (age_limit BETWEEN 1 AND 99),
  -- The highest line position in the basket when decided: what a `checked_items` store's approval covers.
  covers_position INTEGER NOT NULL CHECK (covers_position >= 0),
  attendant_id TEXT NOT NULL CHECK (length(attendant_id) BETWEEN 1 AND 64),
  -- Where it was decided: at the lane (badge and PIN), from the attendant console, or by the cashier.
  via TEXT NOT NULL CHECK (via IN ('lane', 'console', 'counter')),
  -- What the attendant read on the ID, when they typed it.
  age INTEGER CHECK (age IS NULL OR age BETWEEN 1 AND 130),
  birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1800 AND 9999),
  -- Terminal's clock, ISO 8601.
  decided_at TEXT NOT NULL
) STRICT;

CREATE INDEX age_checks_basket ON age_checks (basket_id);

-- A decision is a fact: it stands as written (the journal holds its copy).
CREATE TRIGGER age_checks_no_update BEFORE UPDATE ON age_checks
BEGIN
  SELECT RAISE(ABORT, 'an age check is written once');
END;

CREATE TRIGGER age_checks_no_delete BEFORE DELETE ON age_checks
BEGIN
  SELECT RAISE(ABORT, 'an age check is written once');
END;
