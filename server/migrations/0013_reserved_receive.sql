-- Placeholder for a migration reserved by another helper of issue 13 (RECEIVE 0013, COUNT 0014): the
-- numbers must be contiguous. Drop this file when that helper's migration lands on main.
CREATE TABLE IF NOT EXISTS issue13_reserved (id int PRIMARY KEY);
