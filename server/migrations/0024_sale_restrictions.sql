-- Sale restrictions set at HQ (issue 14): a product's no-sale hours and most per basket (beside its
-- age_limit), and the chain's rules per department. Terminals enforce them with the store's own
-- settings.json rules (core/restrictions/hq-rules.ts gives the precedence).
--
-- products.no_sale: NULL follows the department's hours; '[]' is sold at any hour; else a JSON array
-- of {"from": "HH:MM", "to": "HH:MM"} windows in the store's local time. max_per_basket: NULL is no
-- maximum of its own. Both are sent in the catalog feed as `noSale` and `maxPerBasket`; a change takes
-- a catalog version like any product change. An older terminal ignores the fields.
ALTER TABLE products ADD COLUMN no_sale jsonb CHECK (no_sale IS NULL OR jsonb_typeof(no_sale) = 'array');
ALTER TABLE products ADD COLUMN max_per_basket int4 CHECK (max_per_basket BETWEEN 1 AND 9999);

-- The chain's rules per department (hours, most per basket), sent whole by GET /v1/sale-rules. A rule
-- removed stays as a tombstone so the feed's version (the newest row's) moves on a removal too. Each
-- change takes a catalog version (server/catalog/version.ts), so /v1/stream announces it to every
-- terminal whichever HQ process made it. Departments are matched without regard to case or spaces
-- around them, as the terminal matches them; `key` is that form.
CREATE TABLE department_rules (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE CHECK (key = lower(btrim(key)) AND key <> ''),
  department text NOT NULL CHECK (length(department) BETWEEN 1 AND 80),
  no_sale jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(no_sale) = 'array'),
  max_per_basket int4 CHECK (max_per_basket BETWEEN 1 AND 9999),
  deleted boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX department_rules_by_version ON department_rules (version);
