-- Why the last sync failed, as HQ's code beside its sentence (issue 14): the status bar can then say
-- what only one code means — `device_revoked`: HQ removed this terminal, and it must be enrolled again —
-- without reading the words. NULL when the last attempt went through, or failed without a code.
ALTER TABLE sync_state ADD COLUMN last_error_code TEXT CHECK (last_error_code IS NULL OR length(last_error_code) <= 64);
