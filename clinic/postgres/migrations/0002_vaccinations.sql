-- Vaccine doses. They belong to the applicant, not to one assessment: a later exam of the same
-- person (a re-exam once the clearance lapses) sees the whole history without copying it again.
-- assessment_id is the exam during which the dose was entered. A dose entered in error is marked,
-- never deleted, so the record shows what was once believed and who corrected it.
CREATE TABLE vaccination_doses (
    id              uuid PRIMARY KEY,
    applicant_id    uuid NOT NULL REFERENCES applicants(id),
    assessment_id   uuid NOT NULL REFERENCES assessments(id),
    given_on        date NOT NULL,
    cvx             text NOT NULL,
    mvx             text NOT NULL DEFAULT '',
    manufacturer    text NOT NULL DEFAULT '',
    lot             text NOT NULL DEFAULT '',
    body_site       text NOT NULL DEFAULT '',
    route           text NOT NULL DEFAULT '',
    origin          text NOT NULL CHECK (origin IN ('clinic','record')),
    source_document text NOT NULL DEFAULT '',
    recorded_by     uuid NOT NULL,
    recorded_name   text NOT NULL,
    recorded_at     timestamptz NOT NULL,
    error_reason    text CHECK (error_reason <> ''),
    error_by        uuid,
    error_name      text,
    error_at        timestamptz,
    CHECK ((error_at IS NULL) = (error_by IS NULL) AND (error_at IS NULL) = (error_reason IS NULL))
);
CREATE INDEX vaccination_doses_applicant ON vaccination_doses (applicant_id, given_on, recorded_at);
