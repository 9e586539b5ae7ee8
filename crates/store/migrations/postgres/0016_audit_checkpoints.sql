-- Signed checkpoints of the audit chain (issue #12): a job and
-- `teilhabe audit checkpoint` sign (municipality, seq, hash) with the
-- instance's Ed25519 key, which lives in the key file, not here. Published
-- at /audit/checkpoints, they let anyone check later that no entry up to
-- `seq` was rewritten, even by someone who recomputed every hash.
CREATE TABLE audit_checkpoints (
  municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (municipality_id, seq)
);

CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The row trigger of 0001 does not fire on TRUNCATE: refuse it per
-- statement, for the log, its checkpoints and its heads.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The public key of the instance key this database was opened with: a
-- different key file (a lost or swapped one) is refused at open, since it
-- would make every stored ballot key unknown.
CREATE TABLE instance_key (
  public_key TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);
