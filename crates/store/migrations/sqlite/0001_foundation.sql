-- teilhabe foundation schema (SQLite). Times are Unix milliseconds (UTC),
-- dates are ISO text (YYYY-MM-DD). Every row carries municipality_id.
-- The PostgreSQL twin is migrations/postgres/0001_foundation.sql.

CREATE TABLE instance_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE municipalities (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  audit_secret TEXT NOT NULL,
  answer_deadline_days INTEGER NOT NULL DEFAULT 30,
  categories TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  imprint TEXT NOT NULL DEFAULT '',
  privacy TEXT NOT NULL DEFAULT '',
  accessibility TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE municipality_hosts (
  host TEXT PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id)
);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL,
  UNIQUE (municipality_id, name)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'de',
  digest TEXT NOT NULL DEFAULT 'weekly',
  verified_at INTEGER,
  last_digest_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (municipality_id, email)
);

-- department_id 0 means "no department" so that the key works on both backends.
CREATE TABLE role_grants (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  department_id INTEGER NOT NULL DEFAULT 0,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, role, department_id)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, id);

CREATE TABLE verification_codes (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  code_hash TEXT NOT NULL,
  batch TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by INTEGER REFERENCES users(id),
  UNIQUE (municipality_id, code_hash)
);

CREATE TABLE processes (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  area TEXT NOT NULL DEFAULT '',
  image_url TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  active_phase_id INTEGER,
  proposals_require_verification INTEGER NOT NULL DEFAULT 0,
  supports_require_verification INTEGER NOT NULL DEFAULT 0,
  comments_require_verification INTEGER NOT NULL DEFAULT 0,
  support_limit INTEGER,
  proposal_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (municipality_id, slug)
);

CREATE TABLE phases (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  forms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX phases_process ON phases(process_id, position);

CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  author_id INTEGER REFERENCES users(id),
  channel TEXT NOT NULL DEFAULT 'online',
  offline_name TEXT,
  recorded_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  latitude REAL,
  longitude REAL,
  status TEXT NOT NULL DEFAULT 'submitted',
  answer TEXT,
  answered_at INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  support_count INTEGER NOT NULL DEFAULT 0,
  comment_count INTEGER NOT NULL DEFAULT 0,
  hidden_at INTEGER,
  hidden_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX proposals_process ON proposals(process_id, created_at);
CREATE INDEX proposals_status ON proposals(municipality_id, status, created_at);
CREATE INDEX proposals_answered ON proposals(municipality_id, answered_at);

CREATE TABLE progress_notes (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  percent INTEGER NOT NULL,
  note TEXT NOT NULL,
  noted_on TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX progress_notes_proposal ON progress_notes(proposal_id, id);

CREATE TABLE supports (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  user_id INTEGER REFERENCES users(id),
  channel TEXT NOT NULL DEFAULT 'online',
  offline_name TEXT,
  recorded_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
-- One support per person and proposal; offline supports have no user.
CREATE UNIQUE INDEX supports_one_per_person ON supports(proposal_id, user_id);
CREATE INDEX supports_user_process ON supports(user_id, process_id);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  parent_id INTEGER REFERENCES comments(id),
  author_id INTEGER REFERENCES users(id),
  channel TEXT NOT NULL DEFAULT 'online',
  offline_name TEXT,
  recorded_by INTEGER REFERENCES users(id),
  body TEXT NOT NULL,
  hidden_at INTEGER,
  hidden_reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX comments_proposal ON comments(proposal_id, id);

CREATE TABLE follows (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  target_kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, target_kind, target_id)
);
CREATE INDEX follows_target ON follows(target_kind, target_id);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  digested_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  reporter_id INTEGER NOT NULL REFERENCES users(id),
  target_kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution TEXT
);
CREATE INDEX reports_open ON reports(municipality_id, resolved_at);

CREATE TABLE audit_heads (
  municipality_id INTEGER PRIMARY KEY REFERENCES municipalities(id),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_log (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (municipality_id, seq)
);

-- Append-only: the database itself refuses edits and deletions.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Full-text search. rowid = ref_id * 8 + kind code, so updates are by key.
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body,
  kind UNINDEXED, ref_id UNINDEXED, municipality_id UNINDEXED, process_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
