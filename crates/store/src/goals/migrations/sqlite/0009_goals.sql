-- Impact goals (Wirkungsziele) with indicators and measurements (issue #3).
-- Dates are ISO text (YYYY-MM-DD), times Unix milliseconds.
CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  department_id INTEGER REFERENCES departments(id),
  slug TEXT NOT NULL,
  statement TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX goals_slug ON goals(municipality_id, slug);

CREATE TABLE goal_processes (
  goal_id INTEGER NOT NULL REFERENCES goals(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  PRIMARY KEY (goal_id, process_id)
);
CREATE INDEX goal_processes_process ON goal_processes(process_id);

CREATE TABLE goal_register_entries (
  goal_id INTEGER NOT NULL REFERENCES goals(id),
  entry_id INTEGER NOT NULL REFERENCES register_entries(id),
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  PRIMARY KEY (goal_id, entry_id)
);
CREATE INDEX goal_register_entries_entry ON goal_register_entries(entry_id);

-- computation: '' for values entered by staff, else what the platform
-- computes (contributions, answers_within_deadline, verified_participants),
-- optionally for one process.
CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  goal_id INTEGER NOT NULL REFERENCES goals(id),
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL,
  baseline_value REAL NOT NULL,
  baseline_date TEXT NOT NULL,
  target_value REAL NOT NULL,
  target_date TEXT NOT NULL,
  data_source TEXT NOT NULL,
  computation TEXT NOT NULL DEFAULT '',
  computation_process_id INTEGER REFERENCES processes(id),
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX indicators_key ON indicators(goal_id, key);

-- One value per indicator and day; source: manual, csv or computed.
CREATE TABLE measurements (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  measured_on TEXT NOT NULL,
  value REAL NOT NULL,
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  entered_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX measurements_day ON measurements(indicator_id, measured_on);
