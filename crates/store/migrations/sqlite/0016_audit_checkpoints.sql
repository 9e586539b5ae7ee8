-- Signed checkpoints of the audit chain (issue #12): a job and
-- `teilhabe audit checkpoint` sign (municipality, seq, hash) with the
-- instance's Ed25519 key, which lives in the key file, not here. Published
-- at /audit/checkpoints, they let anyone check later that no entry up to
-- `seq` was rewritten, even by someone who recomputed every hash.
CREATE TABLE audit_checkpoints (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (municipality_id, seq)
);

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;

-- The public key of the instance key this database was opened with: a
-- different key file (a lost or swapped one) is refused at open, since it
-- would make every stored ballot key unknown.
CREATE TABLE instance_key (
  public_key TEXT NOT NULL PRIMARY KEY,
  created_at INTEGER NOT NULL
);
