-- Placeholder for RECEIVE's migration 0013 (issue 13), so COUNT's 0014 applies in sequence on its own
-- branch. Dropped when RECEIVE's 0013 lands; it leaves nothing behind.
CREATE TABLE reserved_0013 (id int);
DROP TABLE reserved_0013;
