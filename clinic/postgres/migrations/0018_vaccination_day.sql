-- A vaccination day: vaccine lots in the site's medicine stock, doses given from a lot, and the
-- decisions recorded per vaccine (refusal, waiver, not indicated, evidence of immunity).
--
-- A vaccine lot is a medicine batch whose drug is 'vaccine': it names the vaccine (CVX) and its
-- manufacturer (MVX) and counts doses.
ALTER TABLE medicine_batches ADD COLUMN cvx text NOT NULL DEFAULT '';
ALTER TABLE medicine_batches ADD COLUMN mvx text NOT NULL DEFAULT '';
ALTER TABLE medicine_batches DROP CONSTRAINT medicine_batches_strength_unit_check;
ALTER TABLE medicine_batches ADD CONSTRAINT medicine_batches_strength_unit_check
    CHECK (strength_unit IN ('mg','tablet','dose'));
ALTER TABLE medicine_batches ADD CONSTRAINT medicine_batches_vaccine_check
    CHECK ((drug = 'vaccine') = (cvx <> '') AND (drug <> 'vaccine' OR strength_unit = 'dose'));

-- The lot a dose given here came from (NULL for a dose copied from a written record).
ALTER TABLE vaccination_doses ADD COLUMN batch_id uuid REFERENCES medicine_batches(id);

-- What was decided about one vaccine at an exam. Never changed or deleted: a wrong entry is
-- marked entered in error, like a dose.
CREATE TABLE vaccine_decisions (
    id            uuid PRIMARY KEY,
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    vaccine       text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('refusal','waiver','not_indicated','immunity')),
    reason_code   text NOT NULL DEFAULT '',
    reason        text NOT NULL DEFAULT '',
    said_by       text NOT NULL DEFAULT '',
    antigen       text NOT NULL DEFAULT '',
    test          text NOT NULL DEFAULT '',
    result        text NOT NULL DEFAULT '',
    value         text NOT NULL DEFAULT '',
    sampled_on    date,
    recorded_by   uuid NOT NULL,
    recorded_name text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    error_reason  text CHECK (error_reason <> ''),
    error_by      uuid,
    error_name    text,
    error_at      timestamptz,
    CHECK ((error_at IS NULL) = (error_by IS NULL) AND (error_at IS NULL) = (error_reason IS NULL))
);
CREATE INDEX vaccine_decisions_assessment ON vaccine_decisions (assessment_id, recorded_at);
