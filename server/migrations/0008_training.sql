-- Training sales: made by a terminal whose payments go to the payment simulator (training mode), so
-- nothing was paid and nothing left the shelf. HQ keeps them, as the record of what the terminal did,
-- but they count nowhere: every total over sales must take `WHERE NOT training`, and such a sale
-- writes no stock movements (server/events/plan.ts), so on-hand never moves for it.
-- Every sale stored before this migration was a real one as far as HQ can tell: false.

ALTER TABLE sales ADD COLUMN training boolean NOT NULL DEFAULT false;
