-- The open data catalog (issue #13): datasets after DCAT-AP.de 3.0, their
-- versions, distributions (uploaded files or links), links to register
-- entries and indicators, data requests and harvest sources.
-- Codes are those of teilhabe_domain::catalog::vocab; dates ISO text
-- (YYYY-MM-DD), times Unix milliseconds.
-- Other catalogs whose datasets are harvested into this one.
CREATE TABLE harvest_sources (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  -- ckan | dcat
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  last_run_at INTEGER,
  -- The newest metadata_modified seen, for incremental runs (ISO text).
  last_modified_seen TEXT NOT NULL DEFAULT '',
  last_result TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  department_id INTEGER REFERENCES departments(id),
  -- The CKAN name: lower-case letters, digits, '-' and '_'; unique per
  -- municipality, never reused.
  name TEXT NOT NULL,
  -- dct:identifier, a UUID kept across versions.
  identifier TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  -- JSON arrays of strings.
  keywords TEXT NOT NULL DEFAULT '[]',
  themes TEXT NOT NULL DEFAULT '[]',
  temporal_start TEXT,
  temporal_end TEXT,
  accrual_periodicity TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  landing_page TEXT NOT NULL DEFAULT '',
  access_rights TEXT NOT NULL DEFAULT 'PUBLIC',
  -- own | participation | harvested
  origin TEXT NOT NULL DEFAULT 'own',
  -- Participation results: the process they come from and which result
  -- (proposals, opinion, budget, evaluation).
  process_id INTEGER REFERENCES processes(id),
  origin_ref TEXT NOT NULL DEFAULT '',
  -- Harvested datasets: their source and their id there.
  harvest_source_id INTEGER REFERENCES harvest_sources(id),
  -- Anonymous counts below this many people are suppressed in the
  -- dataset's files (participation results; stated on the page).
  suppression_threshold INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  -- The words the search looks in (title, description, keywords), lower case.
  search_text TEXT NOT NULL DEFAULT '',
  issued_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  withdrawn_at INTEGER
);
CREATE UNIQUE INDEX datasets_name ON datasets(municipality_id, name);
CREATE INDEX datasets_modified ON datasets(municipality_id, modified_at);
CREATE INDEX datasets_process ON datasets(process_id);

-- Every saved state of a dataset's description (a DatasetDraft as JSON).
CREATE TABLE dataset_versions (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  version INTEGER NOT NULL,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  dataset_json TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  change_note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, version)
);

CREATE TABLE distributions (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  -- file | link
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- EU file-type code and DCAT-AP.de licence code.
  format TEXT NOT NULL,
  license TEXT NOT NULL,
  -- A link's address (empty for a file).
  access_url TEXT NOT NULL DEFAULT '',
  -- A file's name, media type, size, SHA-256 (hex) and bytes.
  file_name TEXT NOT NULL DEFAULT '',
  media_type TEXT NOT NULL DEFAULT '',
  byte_size INTEGER,
  sha256 TEXT NOT NULL DEFAULT '',
  content BLOB,
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
CREATE INDEX distributions_dataset ON distributions(dataset_id);

-- The datasets a register entry (data use) reads.
CREATE TABLE register_entry_datasets (
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  PRIMARY KEY (entry_id, dataset_id)
);
CREATE INDEX register_entry_datasets_dataset ON register_entry_datasets(dataset_id);

-- The dataset an impact indicator takes its values from.
CREATE TABLE indicator_datasets (
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  PRIMARY KEY (indicator_id)
);
CREATE INDEX indicator_datasets_dataset ON indicator_datasets(dataset_id);

-- Citizens ask for a dataset to be published; staff answer publicly.
CREATE TABLE data_requests (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  author_id INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  -- What data, and why it is wanted.
  body TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  -- open | published | planned | refused
  status TEXT NOT NULL DEFAULT 'open',
  answer TEXT NOT NULL DEFAULT '',
  planned_for TEXT,
  dataset_id INTEGER REFERENCES datasets(id),
  department_id INTEGER REFERENCES departments(id),
  answered_by INTEGER REFERENCES users(id),
  answered_at INTEGER,
  due_at INTEGER NOT NULL,
  hidden_at INTEGER,
  hidden_reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX data_requests_open ON data_requests(municipality_id, status, due_at);
