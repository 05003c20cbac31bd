-- Placeholder for a migration reserved by another helper of issue 13 (RECEIVE 0023/0013, COUNT 0024/0014):
-- the numbers must be contiguous. Drop this file when that helper's migration lands on main.
SELECT 1;
