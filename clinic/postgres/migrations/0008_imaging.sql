-- Chest X-ray studies ordered from the protocol plan, their readings (first, blind second, third
-- or consensus), teleradiology reports (HL7 ORU^R01) matched to them, and the messages that
-- could not be imported. Readings and reports are never changed or deleted.
CREATE SEQUENCE imaging_accession_seq;

CREATE TABLE imaging_studies (
    id                 uuid PRIMARY KEY,
    site_id            uuid NOT NULL REFERENCES sites(id),
    assessment_id      uuid NOT NULL REFERENCES assessments(id),
    applicant_id       uuid NOT NULL REFERENCES applicants(id),
    accession          text NOT NULL UNIQUE,
    step               text NOT NULL,
    rule               text NOT NULL DEFAULT '',
    reason             text NOT NULL DEFAULT '',
    source             text NOT NULL DEFAULT '',
    form               text NOT NULL,
    ordered_by         uuid NOT NULL,
    ordered_by_name    text NOT NULL,
    ordered_at         timestamptz NOT NULL,
    pregnancy_asked    boolean NOT NULL DEFAULT false,
    pregnancy          text NOT NULL DEFAULT '' CHECK (pregnancy IN ('','not_pregnant','shield','defer')),
    pregnancy_by       uuid,
    pregnancy_by_name  text NOT NULL DEFAULT '',
    pregnancy_at       timestamptz,
    status             text NOT NULL CHECK (status IN ('ordered','deferred','second_read','third_read','final')),
    second_read        text NOT NULL DEFAULT '' CHECK (second_read IN ('','required','sampled','not_sampled')),
    final              text NOT NULL DEFAULT '',
    final_at           timestamptz,
    turnaround_seconds bigint,
    version            integer NOT NULL DEFAULT 1,
    UNIQUE (assessment_id, step),
    CHECK ((status = 'final') = (final_at IS NOT NULL AND final <> '' AND turnaround_seconds IS NOT NULL))
);
CREATE INDEX imaging_studies_worklist ON imaging_studies (site_id, status, ordered_at);

CREATE TABLE imaging_readings (
    id           uuid PRIMARY KEY,
    study_id     uuid NOT NULL REFERENCES imaging_studies(id),
    seq          integer NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('first','second','third','consensus')),
    form         text NOT NULL,
    findings     jsonb NOT NULL DEFAULT '[]',
    grade        text NOT NULL DEFAULT '',
    result       text NOT NULL,
    remarks      text NOT NULL DEFAULT '',
    participants text NOT NULL DEFAULT '',
    report_id    uuid,
    reported_by  text NOT NULL DEFAULT '',
    reader_id    uuid NOT NULL,
    reader_name  text NOT NULL,
    read_at      timestamptz NOT NULL,
    UNIQUE (study_id, seq)
);

CREATE TABLE radiology_reports (
    id          uuid PRIMARY KEY,
    study_id    uuid NOT NULL REFERENCES imaging_studies(id),
    control_id  text NOT NULL,
    accession   text NOT NULL,
    status      text NOT NULL CHECK (status IN ('F','P','C')),
    reader      text NOT NULL DEFAULT '',
    read_at     timestamptz NOT NULL,
    report      text NOT NULL,
    file        text NOT NULL DEFAULT '',
    received_at timestamptz NOT NULL,
    UNIQUE (study_id, control_id)
);

CREATE TABLE radiology_import_errors (
    id          uuid PRIMARY KEY,
    file        text NOT NULL DEFAULT '',
    control_id  text NOT NULL DEFAULT '',
    accession   text NOT NULL DEFAULT '',
    reason      text NOT NULL,
    message     text NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX radiology_import_errors_received ON radiology_import_errors (received_at DESC);

-- The share (%) of chest X-rays not suggestive of TB that a second reader reads, per site.
ALTER TABLE sites ADD COLUMN second_read_percent integer NOT NULL DEFAULT 10
    CHECK (second_read_percent BETWEEN 0 AND 100);
