-- The registrar's photo of each person (JPEG, passport frame). A retake marks the earlier photo
-- replaced and keeps it: the history shows every photo taken, who took it and when.
CREATE TABLE applicant_photos (
    id           uuid PRIMARY KEY,
    applicant_id uuid NOT NULL REFERENCES applicants(id),
    site_id      uuid NOT NULL REFERENCES sites(id),
    jpeg         bytea NOT NULL,
    sha256       text NOT NULL,
    width        integer NOT NULL,
    height       integer NOT NULL,
    taken_by     uuid NOT NULL,
    taken_at     timestamptz NOT NULL,
    replaced_at  timestamptz
);
CREATE UNIQUE INDEX applicant_photos_current ON applicant_photos (applicant_id) WHERE replaced_at IS NULL;
CREATE INDEX applicant_photos_history ON applicant_photos (applicant_id, taken_at);
