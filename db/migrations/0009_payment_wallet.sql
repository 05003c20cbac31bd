-- Which wallet a customer-presented code belonged to (`wechat`, `alipay`: the provider id of the
-- store's code pattern that recognised it), so the receipt — on screen, on paper, as the e-receipt — says how the shopper
-- paid instead of which provider the store uses. Merchant-presented payments name no wallet: the
-- shopper's app is not ours to know. Fixed once stored, like the method and the masked code.

ALTER TABLE payments ADD COLUMN wallet TEXT
  CHECK (wallet IS NULL OR (length(wallet) BETWEEN 1 AND 40));

CREATE TRIGGER payments_wallet_method BEFORE INSERT ON payments
WHEN NEW.wallet IS NOT NULL AND NEW.method <> 'customer_presented'
BEGIN
  SELECT RAISE(ABORT, 'only a customer-presented payment names the wallet it charged');
END;

CREATE TRIGGER payments_wallet_fixed BEFORE UPDATE OF wallet ON payments
WHEN NEW.wallet IS NOT OLD.wallet
BEGIN
  SELECT RAISE(ABORT, 'a payment''s wallet cannot change');
END;
