-- Both directions of paying by code: the kiosk shows the provider's QR (merchant-presented, every
-- payment before this migration) or charges the code the shopper's wallet shows (customer-presented).
-- A wallet code is a bearer secret: only its masked form (`1345****7788`) is ever stored, and the
-- schema refuses anything that is not masked.

ALTER TABLE payments ADD COLUMN method TEXT NOT NULL DEFAULT 'merchant_presented'
  CHECK (method IN ('merchant_presented', 'customer_presented'));

ALTER TABLE payments ADD COLUMN masked_code TEXT
  CHECK (masked_code IS NULL OR (
    masked_code GLOB '*[*]*' AND length(masked_code) <= 32
    -- a run of 9 digits is more of the code than a mask shows
    AND masked_code NOT GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'
  ));

-- A customer-presented payment says which code it charged; a merchant-presented one charged none.
CREATE TRIGGER payments_method_code BEFORE INSERT ON payments
WHEN (NEW.method = 'customer_presented') <> (NEW.masked_code IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'a customer-presented payment needs its masked code, and only it has one');
END;

-- How a payment is paid is fixed when it is stored: a restarted kiosk must resume it the same way.
CREATE TRIGGER payments_method_fixed BEFORE UPDATE OF method, masked_code ON payments
WHEN NEW.method IS NOT OLD.method OR NEW.masked_code IS NOT OLD.masked_code
BEGIN
  SELECT RAISE(ABORT, 'a payment''s method and code cannot change');
END;
