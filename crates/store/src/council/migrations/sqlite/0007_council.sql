-- The data council (Datenbeirat, issue #3): its settings per municipality,
-- review requests on register entries with their reasons, the internal
-- discussion, one vote per member, the published result and the
-- administration's public answer, and admin overrides of the rule that an
-- entry may not become operational while a required review is open.
CREATE TABLE council_settings (
  municipality_id INTEGER PRIMARY KEY REFERENCES municipalities(id),
  quorum INTEGER NOT NULL,
  majority TEXT NOT NULL,
  -- JSON array of register field names.
  material_fields TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE council_reviews (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  -- open or closed
  status TEXT NOT NULL,
  -- 1 when a rule asked for it (risk, status, material field): blocks
  -- "operational"; 0 for a request by staff only.
  required INTEGER NOT NULL,
  -- The entry's version when the review was opened.
  version INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by INTEGER REFERENCES users(id),
  outcome TEXT,
  approve INTEGER NOT NULL DEFAULT 0,
  approve_with_conditions INTEGER NOT NULL DEFAULT 0,
  reject INTEGER NOT NULL DEFAULT 0,
  abstain INTEGER NOT NULL DEFAULT 0,
  -- The rule in force when the review was closed.
  quorum INTEGER,
  majority TEXT,
  recommendation TEXT,
  response TEXT,
  response_text TEXT,
  responded_at INTEGER,
  responded_by INTEGER REFERENCES users(id)
);
-- At most one open review per entry: new reasons join it.
CREATE UNIQUE INDEX council_reviews_one_open ON council_reviews(entry_id) WHERE status = 'open';
CREATE INDEX council_reviews_entry ON council_reviews(municipality_id, entry_id);

CREATE TABLE council_review_reasons (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES council_reviews(id),
  -- created_with_risk, risk_raised, status_changed, material_field_changed, manual
  kind TEXT NOT NULL,
  -- The risk, status or field concerned, or the staff's reason.
  detail TEXT NOT NULL,
  version INTEGER NOT NULL,
  requested_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX council_review_reasons_review ON council_review_reasons(review_id);

CREATE TABLE council_comments (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES council_reviews(id),
  author_id INTEGER REFERENCES users(id),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX council_comments_review ON council_comments(review_id);

CREATE TABLE council_votes (
  review_id INTEGER NOT NULL REFERENCES council_reviews(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  vote TEXT NOT NULL,
  conditions TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, user_id)
);

CREATE TABLE council_overrides (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  review_id INTEGER NOT NULL REFERENCES council_reviews(id),
  version INTEGER NOT NULL,
  justification TEXT NOT NULL,
  admin_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX council_overrides_entry ON council_overrides(municipality_id, entry_id);
