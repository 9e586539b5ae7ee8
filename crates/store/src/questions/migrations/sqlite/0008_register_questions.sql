-- Questions and objections of citizens on register entries (issue #3),
-- answered publicly by staff of the responsible department. Objections
-- have an answer deadline fixed when they are filed, from the
-- municipality's setting (default 30 days).
ALTER TABLE municipalities ADD COLUMN objection_deadline_days INTEGER NOT NULL DEFAULT 30;

CREATE TABLE register_questions (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  -- question | objection
  kind TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  -- online, or paper/phone/office/meeting when staff recorded it for a
  -- person without an account (then author_id is NULL).
  channel TEXT NOT NULL DEFAULT 'online',
  offline_name TEXT,
  recorded_by INTEGER REFERENCES users(id),
  -- Objections: the part of the entry objected to (a group id or "other").
  aspect TEXT NOT NULL DEFAULT '',
  -- The question, or the reasons of the objection.
  body TEXT NOT NULL,
  -- The entry's version when the question was asked.
  entry_version INTEGER NOT NULL,
  -- Objections only: when the answer is due (ms).
  deadline_at INTEGER,
  answer TEXT,
  answered_at INTEGER,
  answered_by INTEGER REFERENCES users(id),
  -- Set when a published answer was corrected.
  answer_corrected_at INTEGER,
  hidden_at INTEGER,
  hidden_reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX register_questions_entry ON register_questions(entry_id, id);
CREATE INDEX register_questions_open ON register_questions(municipality_id, answered_at);
