-- Images uploaded for processes, kept in the database so that app
-- instances stay stateless. The alternative text is required.
CREATE TABLE images (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
  content_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
ALTER TABLE processes ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
