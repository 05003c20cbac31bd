-- A shift opened on a terminal in training mode is a training shift: it counts the training sales rung
-- up in it (a trainee practises a close that balances), while a live shift counts only live sales, as
-- before. Every shift opened so far was live.
ALTER TABLE shifts ADD COLUMN training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1));
