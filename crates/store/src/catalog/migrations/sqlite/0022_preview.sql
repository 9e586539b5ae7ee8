-- The table preview of a CSV, JSON or GeoJSON file, computed once when
-- the file is stored (teilhabe_domain::catalog::preview::StoredPreview as
-- JSON: the table, or why there is none); NULL for other files and links.
ALTER TABLE distributions ADD COLUMN preview TEXT;
