-- Medicine stock per site and the treatments recorded at exams.
--
-- A batch is one lot of one drug at one site. remaining counts down as doses are given from it;
-- it never goes below zero, and a batch past its expiry date is refused by the clinic.
CREATE TABLE medicine_batches (
    id            uuid PRIMARY KEY,
    site_id       uuid NOT NULL REFERENCES sites(id),
    drug          text NOT NULL,
    lot           text NOT NULL,
    strength      numeric(12,3) NOT NULL CHECK (strength > 0),
    strength_unit text NOT NULL CHECK (strength_unit IN ('mg','tablet')),
    form          text NOT NULL,
    expires_on    date NOT NULL,
    received      numeric(12,2) NOT NULL CHECK (received > 0),
    remaining     numeric(12,2) NOT NULL CHECK (remaining >= 0 AND remaining <= received),
    received_by   uuid NOT NULL,
    received_name text NOT NULL,
    received_at   timestamptz NOT NULL,
    UNIQUE (site_id, drug, lot)
);
CREATE INDEX medicine_batches_site_drug ON medicine_batches (site_id, drug, expires_on);

-- What was done with each treatment the rules name: a dose given (from a batch), the treatment
-- withheld (with the contraindication) or refused. Records are never changed or deleted.
CREATE TABLE treatment_records (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    drug          text NOT NULL,
    rule          text NOT NULL DEFAULT '',
    status        text NOT NULL CHECK (status IN ('given','withheld','refused')),
    dose_amount   numeric(12,3),
    dose_unit     text NOT NULL DEFAULT '',
    route         text NOT NULL DEFAULT '',
    batch_id      uuid REFERENCES medicine_batches(id),
    lot           text NOT NULL DEFAULT '',
    quantity      numeric(12,2),
    at            timestamptz NOT NULL,
    observed      boolean NOT NULL DEFAULT false,
    reason_code   text NOT NULL DEFAULT '',
    reason        text NOT NULL DEFAULT '',
    recorded_by   uuid NOT NULL,
    recorded_name text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CHECK ((status = 'given') = (batch_id IS NOT NULL AND dose_amount IS NOT NULL AND quantity IS NOT NULL))
);
CREATE INDEX treatment_records_assessment ON treatment_records (assessment_id, recorded_at);

-- The mental-health screen (RHS-15) and the physician's assessment, written whole like the other
-- sections of an assessment.
ALTER TABLE assessments ADD COLUMN mental_health jsonb;
