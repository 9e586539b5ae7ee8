-- Participation along the lifecycle of a register entry, and published
-- evaluations of closed processes (issue #3). The PostgreSQL twin is
-- migrations/postgres/0010_evaluation.sql.

-- A participatory process held for a register entry. The entry's lifecycle
-- status (and version) at the time of linking is kept, so the entry page
-- can show its participation history by phase.
CREATE TABLE register_process_links (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  lifecycle_status TEXT NOT NULL,
  entry_version INTEGER NOT NULL,
  linked_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (entry_id, process_id)
);
CREATE INDEX register_process_links_process ON register_process_links(process_id);

-- Every publication of a process's evaluation is a new revision; the
-- figures are frozen as JSON at publication and never changed.
CREATE TABLE process_evaluations (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  revision INTEGER NOT NULL,
  lessons TEXT NOT NULL,
  correction_note TEXT NOT NULL DEFAULT '',
  snapshot TEXT NOT NULL,
  published_by INTEGER REFERENCES users(id),
  published_at INTEGER NOT NULL,
  PRIMARY KEY (process_id, revision)
);
