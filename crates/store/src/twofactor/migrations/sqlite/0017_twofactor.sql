-- Two-factor authentication (issue #12): a TOTP secret per account, its
-- one-time recovery codes, and the roles a municipality requires it for.
-- The PostgreSQL twin is migrations/postgres/0017_twofactor.sql.

-- One row per account that has started or finished the setup. The secret
-- (base32, RFC 6238) is stored as it is: a database reader alone could
-- compute codes with it, but still needs the password (argon2 hash) too.
-- `last_step` is the last accepted 30-second step: a code is refused when
-- its step is not newer (no reuse within its window).
CREATE TABLE twofactor (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  secret TEXT NOT NULL,
  enabled_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Ten one-time recovery codes per account, as SHA-256 hashes (80 random
-- bits each, so a fast hash suffices, as for session tokens).
CREATE TABLE twofactor_recovery (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER
);
CREATE INDEX twofactor_recovery_user ON twofactor_recovery(user_id);

-- Between a correct password and the second factor: a pending log-in,
-- named by a random cookie of which only the hash is kept (like sessions),
-- so that a database reader cannot skip the password with it.
CREATE TABLE twofactor_pending (
  token_hash TEXT NOT NULL PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL
);
CREATE INDEX twofactor_pending_user ON twofactor_pending(user_id);

-- The roles whose holders must use two-factor authentication.
CREATE TABLE twofactor_required (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  role TEXT NOT NULL,
  PRIMARY KEY (municipality_id, role)
);
