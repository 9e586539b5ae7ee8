-- GDPR self-service and retention (issue #11). A deleted account keeps its
-- row (so that supports, votes, ballots and authorship stay counted) but
-- no personal data; `deleted_at` marks it. Each municipality keeps sent
-- mails and read notifications for a number of days (the retention job
-- purges older ones). The PostgreSQL twin is
-- migrations/postgres/0014_privacy.sql.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
ALTER TABLE municipalities ADD COLUMN retention_mail_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE municipalities ADD COLUMN retention_notification_days INTEGER NOT NULL DEFAULT 90;
