-- Consent per person and purpose, the signed consent sheet's scans, and counselling records.
--
-- A consent is given for one purpose (the examination, HIV testing, sharing results with one
-- receiving country's authority, sharing fitness to travel with the resettlement agency, use in
-- anonymous statistics), in one way (written, verbal before a witness, or by a proxy). It is never
-- deleted: a withdrawal sets its withdrawn_* columns, and what needed it stops.
CREATE TABLE consents (
    id               uuid PRIMARY KEY,
    applicant_id     uuid NOT NULL REFERENCES applicants (id),
    site_id          uuid NOT NULL REFERENCES sites (id),
    purpose          text NOT NULL CHECK (purpose IN ('examination', 'hiv_testing', 'share_authority', 'share_agency', 'statistics')),
    country          text NOT NULL DEFAULT '' CHECK ((purpose = 'share_authority') = (country IN ('US', 'CA', 'AU', 'NZ'))),
    kind             text NOT NULL CHECK (kind IN ('written', 'verbal', 'proxy')),
    witness          text NOT NULL DEFAULT '',
    proxy_name       text NOT NULL DEFAULT '',
    proxy_relation   text NOT NULL DEFAULT '',
    proxy_reason     text NOT NULL DEFAULT '',
    language         text NOT NULL,
    interpreter      boolean NOT NULL DEFAULT false,
    interpreter_name text NOT NULL DEFAULT '',
    given_on         date NOT NULL,
    recorded_by      uuid NOT NULL,
    recorded_name    text NOT NULL,
    recorded_at      timestamptz NOT NULL,
    withdrawn_on     date,
    withdrawn_reason text NOT NULL DEFAULT '',
    withdrawn_by     uuid,
    withdrawn_at     timestamptz
);
-- At most one standing consent per person, purpose and country.
CREATE UNIQUE INDEX consents_standing ON consents (applicant_id, purpose, country) WHERE withdrawn_at IS NULL;
CREATE INDEX consents_applicant ON consents (applicant_id, recorded_at);

-- Scans of the signed consent sheet (PDF or JPEG); every upload is kept.
CREATE TABLE consent_scans (
    id           uuid PRIMARY KEY,
    applicant_id uuid NOT NULL REFERENCES applicants (id),
    site_id      uuid NOT NULL REFERENCES sites (id),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg')),
    data         bytea NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  uuid NOT NULL,
    uploaded_at  timestamptz NOT NULL
);
CREATE INDEX consent_scans_applicant ON consent_scans (applicant_id, uploaded_at);

-- Pre- and post-test counselling, and the disclosure of a result that changes travel, at one
-- examination.
CREATE TABLE counselling (
    id               uuid PRIMARY KEY,
    assessment_id    uuid NOT NULL REFERENCES assessments (id),
    applicant_id     uuid NOT NULL REFERENCES applicants (id),
    site_id          uuid NOT NULL REFERENCES sites (id),
    topic            text NOT NULL CHECK (topic IN ('hiv', 'tb', 'syphilis', 'class_a')),
    stage            text NOT NULL CHECK (stage IN ('pre_test', 'post_test')),
    language         text NOT NULL,
    interpreter      boolean NOT NULL DEFAULT false,
    result_disclosed boolean NOT NULL DEFAULT false,
    referral         text NOT NULL DEFAULT '',
    notes            text NOT NULL DEFAULT '',
    counsellor       uuid NOT NULL,
    counsellor_name  text NOT NULL,
    at               timestamptz NOT NULL
);
CREATE INDEX counselling_assessment ON counselling (assessment_id, at);
