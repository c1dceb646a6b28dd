-- Directly observed therapy (DOT) for TB disease: one course per assessment, its observed doses
-- (one per calendar day, in the site's calendar) and the adverse events reported during it.
-- Doses and events are never changed or deleted; a course ends once, when it is completed.
CREATE TABLE dot_courses (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL UNIQUE REFERENCES assessments(id),
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    site_id       uuid NOT NULL REFERENCES sites(id),
    regimen       text NOT NULL,
    weight_kg     numeric(5,1) NOT NULL CHECK (weight_kg > 0),
    start_on      date NOT NULL,
    planned_end   date NOT NULL CHECK (planned_end >= start_on),
    doses_needed  integer NOT NULL CHECK (doses_needed > 0),
    drugs         jsonb NOT NULL,
    basis         text NOT NULL,
    reason        text NOT NULL DEFAULT '',
    status        text NOT NULL CHECK (status IN ('active','completed')),
    completed_on  date,
    completed_by  text NOT NULL DEFAULT '',
    started_by    uuid NOT NULL,
    started_name  text NOT NULL,
    started_at    timestamptz NOT NULL,
    CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
-- Today's list of doses not yet observed reads the active courses of one site.
CREATE INDEX dot_courses_site_active ON dot_courses (site_id, start_on) WHERE status = 'active';

CREATE TABLE dot_doses (
    id            uuid PRIMARY KEY,
    course_id     uuid NOT NULL REFERENCES dot_courses(id),
    day           date NOT NULL,
    observed_at   timestamptz NOT NULL,
    observed_by   uuid NOT NULL,
    observed_name text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    late          boolean NOT NULL,
    note          text NOT NULL DEFAULT '',
    UNIQUE (course_id, day)
);

CREATE TABLE dot_adverse_events (
    id            uuid PRIMARY KEY,
    course_id     uuid NOT NULL REFERENCES dot_courses(id),
    day           date NOT NULL,
    severity      text NOT NULL CHECK (severity IN ('mild','moderate','severe')),
    description   text NOT NULL,
    action        text NOT NULL DEFAULT '',
    recorded_by   uuid NOT NULL,
    recorded_name text NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX dot_adverse_events_course ON dot_adverse_events (course_id, recorded_at);
