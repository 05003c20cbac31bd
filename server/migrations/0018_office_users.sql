-- The back office's users, their sessions, and the failure counters that slow guessing (issue 14).
-- Sessions and counters live here, not in process memory, so several HQ processes on one database
-- share them: a session made on one works on every other, a sign-out anywhere ends it everywhere, and
-- failures count together whichever process answered them.
CREATE TABLE office_users (
  id uuid PRIMARY KEY,
  -- The login name, lower case; what the sign-in form asks for.
  name text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'category_manager', 'store_manager', 'auditor')),
  -- `scrypt$N$r$p$salt$hash`: the cost is kept with each hash, so it can be raised later.
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A store manager's stores (no foreign key: a store's row is made by its first enrolment code).
CREATE TABLE office_user_stores (
  user_id uuid NOT NULL,
  store_code text NOT NULL,
  PRIMARY KEY (user_id, store_code)
);

-- Only a SHA-256 of the cookie's value is kept: a copy of this table signs nobody in.
CREATE TABLE office_sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  -- The absolute end; the idle end is last_seen_at plus the idle limit.
  expires_at timestamptz NOT NULL
);
CREATE INDEX office_sessions_by_user ON office_sessions (user_id);

-- Fixed-window failure counters (server/http/rate-limit.ts): enrolment, tokens, sign-in. The subject is
-- a SHA-256 of what is counted (an address, a code, a login name), so guessed codes are not kept.
CREATE TABLE rate_limits (
  bucket text NOT NULL,
  subject text NOT NULL,
  failures integer NOT NULL,
  resets_at timestamptz NOT NULL,
  PRIMARY KEY (bucket, subject)
);
CREATE INDEX rate_limits_by_reset ON rate_limits (resets_at);
