-- Accounts and their security: a second factor (TOTP) with one-time recovery codes, the roles
-- that must use one, and administrators whose scope is the whole deployment rather than their
-- own site.

ALTER TABLE users
    ADD COLUMN deployment_wide boolean NOT NULL DEFAULT false,
    ADD COLUMN totp_secret     text NOT NULL DEFAULT '',   -- base32; set at enrolment, kept while pending
    ADD COLUMN totp_enabled    boolean NOT NULL DEFAULT false,
    ADD COLUMN totp_step       bigint NOT NULL DEFAULT 0,  -- the last 30-second step accepted: a code is used once
    ADD COLUMN password_changed_at timestamptz,
    ADD CONSTRAINT users_deployment_wide_admin CHECK (NOT deployment_wide OR role = 'admin');

-- Recovery codes are stored as keyed hashes only; each logs in once.
CREATE TABLE recovery_codes (
    user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- The roles whose accounts must log in with a second factor (a clinic setting).
CREATE TABLE second_factor_roles (
    role   text PRIMARY KEY CHECK (role IN ('registrar','nurse','lab','radiology','physician','caseworker','panel','admin')),
    set_at timestamptz NOT NULL,
    set_by uuid REFERENCES users(id)
);

-- The audit search reads a record's rows whatever its kind, and a site's rows by time (newest
-- first, keyset on id).
CREATE INDEX audit_record_id ON audit_log (record_id, id);
CREATE INDEX audit_site_id ON audit_log (site_id, id);
