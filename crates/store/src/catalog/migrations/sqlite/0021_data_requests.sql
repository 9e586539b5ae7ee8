-- Data requests (issue #13): how a request reached the administration
-- (online, or recorded by staff from paper, phone, office, meeting), the
-- name given with an offline one, and when a published answer was
-- corrected.
ALTER TABLE data_requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';
ALTER TABLE data_requests ADD COLUMN offline_name TEXT;
ALTER TABLE data_requests ADD COLUMN answer_corrected_at INTEGER;
