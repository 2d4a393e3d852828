-- The in-memory session index of every query-service replica follows query.session: each row carries the id of the
-- transaction that last wrote it, set by a trigger so that no write path (consumers, expiry, admin logoff, settings,
-- directory roles, rebuilds, a manual UPDATE) can bypass it. A reader that remembers the oldest transaction still
-- running at its snapshot (pg_snapshot_xmin) and next asks for rows written from that id on misses no commit.
ALTER TABLE session ADD COLUMN written_tx xid8;
CREATE INDEX session_written_tx ON session (written_tx);

CREATE FUNCTION session_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.written_tx := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER session_stamp BEFORE INSERT OR UPDATE ON session FOR EACH ROW EXECUTE FUNCTION session_stamp();

-- Wake-ups, delivered at commit (a lost one costs at most the index's poll interval).
CREATE FUNCTION session_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('openjims_session', '');
    RETURN NULL;
END $$;
CREATE TRIGGER session_notify AFTER INSERT OR UPDATE ON session FOR EACH STATEMENT
    EXECUTE FUNCTION session_notify();

-- A deleted active row leaves nothing to read; the index learns the address (the retention service deletes only
-- ended rows).
CREATE FUNCTION session_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('openjims_session_gone', OLD.ip);
    RETURN NULL;
END $$;
CREATE TRIGGER session_gone AFTER DELETE ON session FOR EACH ROW WHEN (OLD.active) EXECUTE FUNCTION session_gone();

CREATE FUNCTION domain_alias_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('openjims_alias', '');
    RETURN NULL;
END $$;
CREATE TRIGGER domain_alias_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON domain_alias FOR EACH STATEMENT
    EXECUTE FUNCTION domain_alias_notify();

-- TRUNCATE: the index loads the view again.
CREATE FUNCTION session_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('openjims_session_gone', '*');
    RETURN NULL;
END $$;
CREATE TRIGGER session_truncated AFTER TRUNCATE ON session FOR EACH STATEMENT EXECUTE FUNCTION session_truncated();
