-- The back office's audit log (server/office/audit.ts): every change made through it, who made it
-- (a user, or the bootstrap admin token), what it touched, and the state before and after.
CREATE TABLE office_audit (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token')),
  actor_user_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  store_code text,
  before jsonb,
  after jsonb
);
CREATE INDEX office_audit_by_time ON office_audit (at DESC, id);
CREATE INDEX office_audit_by_target ON office_audit (target_type, target_id, at DESC);
