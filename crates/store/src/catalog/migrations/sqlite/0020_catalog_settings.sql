-- Settings of the open data catalog per municipality (issue #13):
-- participation results are published with counts of fewer than
-- `suppression_threshold` people suppressed (district, channel, group).
CREATE TABLE catalog_settings (
  municipality_id INTEGER PRIMARY KEY REFERENCES municipalities(id),
  suppression_threshold INTEGER NOT NULL DEFAULT 5,
  updated_at INTEGER NOT NULL
);
