-- The register of data uses and algorithms (issue #3): one row per entry
-- with the columns lists and filters need, and every saved version as the
-- entry's JSON. A save adds a version; no version is ever changed.
CREATE TABLE register_entries (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  department_id INTEGER REFERENCES departments(id),
  slug TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  risk_category TEXT NOT NULL,
  domain TEXT NOT NULL,
  algorithm_type TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  -- Lower-cased text of all fields of the current version, for search.
  search_text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX register_entries_slug ON register_entries(municipality_id, slug);

CREATE TABLE register_versions (
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  version INTEGER NOT NULL,
  entry_json TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  change_note TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (entry_id, version)
);
