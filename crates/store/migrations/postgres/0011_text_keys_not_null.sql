-- Schema parity (tests/schema_parity.rs): the SQLite twin
-- migrations/sqlite/0011_text_keys_not_null.sql makes the text primary keys
-- of instance_secrets, municipality_hosts, sessions and password_resets
-- NOT NULL. PostgreSQL already makes every primary-key column NOT NULL, so
-- nothing changes here; the file keeps both backends at the same version.
SELECT 1;
