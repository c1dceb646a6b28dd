-- The audit log is append-only: no role of the application may change or delete a row. Sealing
-- chains the rows' hashes, so a change made around the trigger (by a database superuser) shows
-- up in `mhac audit verify`.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE audit_seals (
    id        bigserial PRIMARY KEY,
    to_id     bigint NOT NULL,     -- the last audit row this seal covers
    row_count bigint NOT NULL,     -- rows covered since the beginning
    hash      text NOT NULL,       -- SHA-256 chain over every row up to to_id
    sealed_at timestamptz NOT NULL
);
