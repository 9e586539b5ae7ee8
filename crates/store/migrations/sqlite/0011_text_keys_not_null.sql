-- Schema parity (tests/schema_parity.rs): in SQLite a primary-key column
-- that is not the rowid (INTEGER PRIMARY KEY) accepts NULL unless declared
-- NOT NULL, while PostgreSQL makes every primary-key column NOT NULL. The
-- four tables keyed by text are rebuilt with NOT NULL on the key, same
-- columns in the same order; no table refers to them. The PostgreSQL twin
-- is migrations/postgres/0011_text_keys_not_null.sql (nothing to change).

CREATE TABLE instance_secrets_new (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO instance_secrets_new (name, value)
SELECT name, value FROM instance_secrets;
DROP TABLE instance_secrets;
ALTER TABLE instance_secrets_new RENAME TO instance_secrets;

CREATE TABLE municipality_hosts_new (
  host TEXT NOT NULL PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id)
);
INSERT INTO municipality_hosts_new (host, municipality_id)
SELECT host, municipality_id FROM municipality_hosts;
DROP TABLE municipality_hosts;
ALTER TABLE municipality_hosts_new RENAME TO municipality_hosts;

CREATE TABLE sessions_new (
  id TEXT NOT NULL PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
INSERT INTO sessions_new (id, municipality_id, user_id, created_at, expires_at)
SELECT id, municipality_id, user_id, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE password_resets_new (
  token_hash TEXT NOT NULL PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
INSERT INTO password_resets_new (token_hash, municipality_id, user_id, expires_at, used_at)
SELECT token_hash, municipality_id, user_id, expires_at, used_at FROM password_resets;
DROP TABLE password_resets;
ALTER TABLE password_resets_new RENAME TO password_resets;
