-- Questions and objections of residents on a dataset of the open data
-- catalog (issue #13), answered publicly by staff of the dataset's
-- department or of a data use that reads it. Same rules as the questions
-- on register entries (teilhabe_domain::questions): objections have an
-- answer deadline fixed when they are filed.
CREATE TABLE dataset_questions (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  -- question | objection
  kind TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  -- The question, or the reasons of the objection.
  body TEXT NOT NULL,
  -- The dataset's version when the question was asked.
  dataset_version INTEGER NOT NULL,
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
CREATE INDEX dataset_questions_dataset ON dataset_questions(dataset_id, id);
CREATE INDEX dataset_questions_open ON dataset_questions(municipality_id, answered_at);
