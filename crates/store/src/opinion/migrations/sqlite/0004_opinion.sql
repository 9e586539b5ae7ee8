-- Opinion maps (issue #4): statements, pseudonymous participants, votes,
-- and the latest analysis of each map.
CREATE TABLE opinion_maps (
  process_id INTEGER PRIMARY KEY REFERENCES processes(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  voters TEXT NOT NULL DEFAULT 'anyone',
  participant_statements INTEGER NOT NULL DEFAULT 1,
  moderation TEXT NOT NULL DEFAULT 'pre',
  -- Bumped by every vote and moderation decision; the analysis records
  -- the revision it covers, so the background job knows what is stale.
  revision INTEGER NOT NULL DEFAULT 0,
  vote_count INTEGER NOT NULL DEFAULT 0,
  participant_count INTEGER NOT NULL DEFAULT 0,
  last_change_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE opinion_participants (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES opinion_maps(process_id),
  user_id INTEGER REFERENCES users(id),
  -- SHA-256 of the pseudonymous browser id (cookie) of a visitor.
  browser_key TEXT,
  -- Polis voter id of an imported conversation, or the number of a paper
  -- questionnaire.
  external_id TEXT,
  channel TEXT NOT NULL DEFAULT 'online',
  recorded_by INTEGER REFERENCES users(id),
  vote_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX opinion_participants_user ON opinion_participants(process_id, user_id);
CREATE UNIQUE INDEX opinion_participants_browser ON opinion_participants(process_id, browser_key);
CREATE UNIQUE INDEX opinion_participants_external ON opinion_participants(process_id, external_id);

CREATE TABLE opinion_statements (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES opinion_maps(process_id),
  -- Polis comment id of an imported conversation.
  external_id TEXT,
  body TEXT NOT NULL,
  origin TEXT NOT NULL,
  author_participant_id INTEGER REFERENCES opinion_participants(id),
  author_user_id INTEGER REFERENCES users(id),
  state TEXT NOT NULL,
  agree_count INTEGER NOT NULL DEFAULT 0,
  disagree_count INTEGER NOT NULL DEFAULT 0,
  pass_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  moderated_at INTEGER,
  moderated_by INTEGER REFERENCES users(id)
);
CREATE INDEX opinion_statements_process ON opinion_statements(process_id, state);
CREATE UNIQUE INDEX opinion_statements_external ON opinion_statements(process_id, external_id);

CREATE TABLE opinion_votes (
  participant_id INTEGER NOT NULL REFERENCES opinion_participants(id),
  statement_id INTEGER NOT NULL REFERENCES opinion_statements(id),
  process_id INTEGER NOT NULL REFERENCES opinion_maps(process_id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  vote INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
  channel TEXT NOT NULL DEFAULT 'online',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (participant_id, statement_id)
);
CREATE INDEX opinion_votes_process ON opinion_votes(process_id, participant_id);

-- The latest analysis of a map, and the latest failure (shown to staff).
CREATE TABLE opinion_results (
  process_id INTEGER PRIMARY KEY REFERENCES opinion_maps(process_id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  revision INTEGER NOT NULL DEFAULT 0,
  votes_covered INTEGER NOT NULL DEFAULT 0,
  computed_at INTEGER,
  result TEXT,
  error TEXT,
  error_at INTEGER,
  error_revision INTEGER
);
