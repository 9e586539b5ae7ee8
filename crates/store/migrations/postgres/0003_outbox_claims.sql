-- Several app instances send mail from one outbox: a mail is claimed for
-- a while before sending, so that no two instances send it.
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
