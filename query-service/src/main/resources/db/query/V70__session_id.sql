-- The producer's id of the session holding the address (RADIUS Acct-Session-Id), so a logoff of another session of
-- the same user (roaming: the old session's Stop after the new session's Start) does not end it.
ALTER TABLE session ADD COLUMN session_id text;
