-- Placeholder for RECEIVE's migration 0023 (issue 13), so the COUNT branch's 0024 applies in sequence
-- on its own. Dropped when RECEIVE's 0023 lands; it creates nothing.
CREATE TABLE IF NOT EXISTS reserved_0023 (id INTEGER PRIMARY KEY);
DROP TABLE reserved_0023;
