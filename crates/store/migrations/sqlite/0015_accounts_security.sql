-- Accounts hardening (issue #12).
-- API tokens: scopes (space-separated, e.g. "read write:proposals"),
-- an expiry, and the id-based last use. Tokens from before get every
-- scope they could use then and 90 days from now.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'read';
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
UPDATE api_tokens SET scopes = 'read write:proposals write:opinion write:budgets write:goals write:questions',
  expires_at = created_at + 7776000000;

-- Mails that carry a secret link (password reset, address confirmation)
-- are queued by kind and user; the sender creates the token when it sends,
-- so the outbox never holds a usable link.
ALTER TABLE outbox ADD COLUMN kind TEXT;
ALTER TABLE outbox ADD COLUMN user_id INTEGER;

-- One table for single-use mailed tokens: 'reset' or 'confirm'.
ALTER TABLE password_resets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'reset';

-- Registration confirms the address by mail; accounts from before count
-- as confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at INTEGER;
UPDATE users SET email_confirmed_at = created_at;

-- Verification codes: a short keyed index (HMAC with an instance secret,
-- truncated) to find candidates, and a salted Argon2 hash in code_hash.
-- Codes from before keep their unsalted hash and no index.
ALTER TABLE verification_codes ADD COLUMN code_index TEXT;
CREATE INDEX verification_codes_index ON verification_codes(municipality_id, code_index);
