-- Which attendant marked a payment paid by hand (services/checkout/attendant-override.ts): the shopper's
-- phone showed it paid but the provider could not confirm it. Null for every payment the provider
-- confirmed. The journal's `override` entry is the audit record; this column lets the payment row
-- itself say it was not confirmed by the provider, without reading failure_reason as free text.

ALTER TABLE payments ADD COLUMN confirmed_by TEXT
  CHECK (confirmed_by IS NULL OR (length(confirmed_by) BETWEEN 1 AND 64));

-- Written once, while the payment is still in flight, in the transaction that then makes it paid: an
-- override cannot be added to (or taken from) a payment afterwards. (payments_final_frozen already
-- freezes a final row; this also covers a row written as final by an INSERT.)
CREATE TRIGGER payments_confirmed_by_once BEFORE UPDATE OF confirmed_by ON payments
WHEN NEW.confirmed_by IS NOT OLD.confirmed_by
  AND (OLD.confirmed_by IS NOT NULL OR OLD.status NOT IN ('pending', 'unknown'))
BEGIN
  SELECT RAISE(ABORT, 'a payment''s confirmed_by is set once, while it is pending or unknown');
END;

CREATE TRIGGER payments_confirmed_by_insert BEFORE INSERT ON payments
WHEN NEW.confirmed_by IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a payment is confirmed by an attendant only after it was stored');
END;
