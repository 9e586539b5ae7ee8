-- Settings of the open data catalog per municipality (issue #13):
-- participation results are published with counts of fewer than
-- `suppression_threshold` people suppressed (district, channel, group).
CREATE TABLE catalog_settings (
  municipality_id BIGINT PRIMARY KEY REFERENCES municipalities(id),
  suppression_threshold BIGINT NOT NULL DEFAULT 5,
  updated_at BIGINT NOT NULL
);
