-- The clinic's first schema: sites and users, cases and applicants, assessments and their
-- results, forms with their snapshots and files, the outbox, and the audit log.

CREATE TABLE sites (
    id           uuid PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    name         text NOT NULL,
    city         text NOT NULL DEFAULT '',
    country      text NOT NULL DEFAULT '',
    timezone     text NOT NULL DEFAULT 'Africa/Kigali',
    organisation text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    username        text NOT NULL UNIQUE,
    name            text NOT NULL,
    role            text NOT NULL CHECK (role IN ('registrar','nurse','lab','radiology','physician','caseworker','panel','admin')),
    site_id         uuid NOT NULL REFERENCES sites(id),
    country         text NOT NULL DEFAULT '',
    registration_id text NOT NULL DEFAULT '',
    password_hash   text NOT NULL,
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    CHECK (role <> 'panel' OR country IN ('US','CA','AU','NZ'))
);

CREATE TABLE sessions (
    hash       text PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_attempts (
    id       bigserial PRIMARY KEY,
    username text NOT NULL,
    ip       text NOT NULL,
    ok       boolean NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

CREATE TABLE cases (
    id             uuid PRIMARY KEY,
    site_id        uuid NOT NULL REFERENCES sites(id),
    case_number    text NOT NULL,
    destination    text NOT NULL CHECK (destination IN ('US','CA','AU','NZ')),
    program        text NOT NULL CHECK (program IN ('refugee','immigrant','temporary')),
    flight_number  text NOT NULL DEFAULT '',
    departure_date date,
    version        integer NOT NULL,
    created_at     timestamptz NOT NULL,
    UNIQUE (site_id, case_number)
);
CREATE INDEX cases_flight ON cases (flight_number) WHERE flight_number <> '';

CREATE TABLE applicants (
    id                   uuid PRIMARY KEY,
    case_id              uuid NOT NULL REFERENCES cases(id),
    site_id              uuid NOT NULL REFERENCES sites(id),
    position             integer NOT NULL,
    surnames             text NOT NULL,
    given_names          text NOT NULL,
    birth_date           date NOT NULL,
    birth_date_estimated boolean NOT NULL,
    sex                  text NOT NULL,
    relationship         text NOT NULL,
    nationality          text NOT NULL DEFAULT '',
    country_of_birth     text NOT NULL DEFAULT '',
    residence_country    text NOT NULL,
    countries_lived      text[] NOT NULL DEFAULT '{}',
    document_type        text NOT NULL DEFAULT '',
    document_number      text NOT NULL DEFAULT '',
    file_number          text NOT NULL DEFAULT '',
    phone                text NOT NULL DEFAULT '',
    unaccompanied_minor  boolean NOT NULL DEFAULT false,
    adoptee              boolean NOT NULL DEFAULT false,
    version              integer NOT NULL,
    created_at           timestamptz NOT NULL,
    assessment_id        uuid
);
CREATE INDEX applicants_case ON applicants (case_id, position);
CREATE INDEX applicants_name ON applicants (site_id, lower(surnames), lower(given_names));

CREATE TABLE assessments (
    id               uuid PRIMARY KEY,
    applicant_id     uuid NOT NULL REFERENCES applicants(id),
    case_id          uuid NOT NULL REFERENCES cases(id),
    site_id          uuid NOT NULL REFERENCES sites(id),
    state            text NOT NULL,
    exam_date        date NOT NULL,
    protocol_id      text NOT NULL,
    protocol_version text NOT NULL,
    version          integer NOT NULL,
    queued_at        timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    history          jsonb,
    vitals           jsonb,
    findings         jsonb NOT NULL DEFAULT '{}',
    classification   jsonb,
    signoff          jsonb,
    pec              jsonb
);
CREATE INDEX assessments_worklist ON assessments (site_id, state, queued_at);
ALTER TABLE applicants ADD FOREIGN KEY (assessment_id) REFERENCES assessments(id);

CREATE TABLE results (
    id            bigserial PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    step          text NOT NULL,
    value         jsonb NOT NULL,
    unit          text NOT NULL DEFAULT '',
    recorded_by   uuid NOT NULL,
    by_name       text NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX results_assessment ON results (assessment_id, id);

CREATE TABLE addenda (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    text          text NOT NULL,
    by_user       uuid NOT NULL,
    by_name       text NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX addenda_assessment ON addenda (assessment_id, at);

-- A snapshot keeps the exact canonical JSON the forms were drawn from, and its hash.
CREATE TABLE form_snapshots (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    body          bytea NOT NULL,
    sha256        text NOT NULL,
    supersedes    uuid,
    created_at    timestamptz NOT NULL
);

CREATE TABLE forms (
    id            uuid PRIMARY KEY,
    snapshot_id   uuid NOT NULL REFERENCES form_snapshots(id),
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    site_id       uuid NOT NULL REFERENCES sites(id),
    destination   text NOT NULL,
    form_type     text NOT NULL,
    status        text NOT NULL CHECK (status IN ('pending','valid','superseded','revoked','failed')),
    verify_token  text NOT NULL UNIQUE,
    sha256        text NOT NULL DEFAULT '',
    size          integer NOT NULL DEFAULT 0,
    problem       text NOT NULL DEFAULT '',
    attempts      integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    issued_at     timestamptz,
    superseded_by uuid,
    UNIQUE (snapshot_id, form_type)
);
CREATE INDEX forms_assessment ON forms (assessment_id);
CREATE INDEX forms_destination ON forms (destination, status);

-- PDF files, content-addressed per form; the file store interface hides this table.
CREATE TABLE files (
    form_id    uuid PRIMARY KEY REFERENCES forms(id),
    sha256     text NOT NULL,
    content    bytea NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE outbox (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL,
    ref           text NOT NULL,
    created_at    timestamptz NOT NULL,
    dispatched_at timestamptz
);
CREATE INDEX outbox_undelivered ON outbox (created_at) WHERE dispatched_at IS NULL;

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    user_id    uuid,
    username   text NOT NULL DEFAULT '',
    role       text NOT NULL DEFAULT '',
    site_id    uuid,
    action     text NOT NULL,
    record     text NOT NULL,
    record_id  text NOT NULL DEFAULT '',
    request_id text NOT NULL DEFAULT '',
    ip         text NOT NULL DEFAULT '',
    detail     text NOT NULL DEFAULT ''
);
CREATE INDEX audit_record ON audit_log (record, record_id, at);
CREATE INDEX audit_user ON audit_log (user_id, at);

CREATE TABLE idempotency_keys (
    user_id    uuid NOT NULL,
    key        text NOT NULL,
    response   bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
