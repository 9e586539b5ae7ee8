-- Participatory budgeting (issue 5). Amounts are whole euros. The
-- PostgreSQL twin is migrations/postgres/0005_budget.sql.

-- One budget of a process: the city-wide one (district '') or a district's.
-- The rule is fixed before voting opens; the service refuses to change it
-- once a ballot exists.
CREATE TABLE budgets (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  name TEXT NOT NULL,
  district TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL,
  ballot_kind TEXT NOT NULL,
  ballot_limit INTEGER,
  rule TEXT NOT NULL,
  min_age INTEGER NOT NULL DEFAULT 0,
  -- The frozen result (JSON) once staff published it after voting.
  result TEXT,
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX budgets_process ON budgets(process_id, id);

-- A project on a budget's ballot is a proposal of the process, reviewed by
-- staff: feasible or not (NULL: not yet reviewed), a public reason, a cost.
CREATE TABLE budget_projects (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  budget_id INTEGER NOT NULL REFERENCES budgets(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  cost INTEGER NOT NULL,
  feasible INTEGER,
  review_reason TEXT NOT NULL DEFAULT '',
  reviewed_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (budget_id, proposal_id)
);

-- One ballot per person per budget: voter_key is 'u:<user id>' online or
-- 'paper:<sheet number>' for a paper ballot whose two entries matched.
-- The UNIQUE key makes a second concurrent submission replace, never add.
CREATE TABLE budget_ballots (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  budget_id INTEGER NOT NULL REFERENCES budgets(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  voter_key TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'online',
  choices TEXT NOT NULL,
  receipt_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (budget_id, voter_key)
);
CREATE INDEX budget_ballots_voter ON budget_ballots(process_id, voter_key);

-- The one district a person votes in, per process: the key makes a second
-- district refused even when two ballots arrive at the same moment.
CREATE TABLE budget_voter_districts (
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  process_id INTEGER NOT NULL REFERENCES processes(id),
  voter_key TEXT NOT NULL,
  district TEXT NOT NULL,
  PRIMARY KEY (process_id, voter_key)
);

-- Paper ballots are entered twice by two different staff members; a ballot
-- counts once two entries match. One entry per sheet and staff member.
CREATE TABLE budget_paper_entries (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  budget_id INTEGER NOT NULL REFERENCES budgets(id),
  sheet TEXT NOT NULL,
  entered_by INTEGER NOT NULL REFERENCES users(id),
  choices TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (budget_id, sheet, entered_by)
);
