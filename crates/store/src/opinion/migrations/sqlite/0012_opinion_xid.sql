-- Polis's external participant id (`xid` in participants-votes.csv), kept
-- when a Polis export with that column is imported ('' where it was empty)
-- and written back on export; NULL for participants from anywhere else.
ALTER TABLE opinion_participants ADD COLUMN polis_xid TEXT;
