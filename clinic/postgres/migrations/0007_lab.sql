-- The lab: orders made from the protocol plan, specimens with accession numbers, coded results.
-- An order names the rule that required its step and that rule's source. A rejected specimen is
-- kept with its reason; an amended result is kept, marked superseded, beside the one replacing it.

CREATE SEQUENCE specimen_accession_seq;

CREATE TABLE lab_orders (
    id            uuid PRIMARY KEY,
    site_id       uuid NOT NULL REFERENCES sites(id),
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    step          text NOT NULL,
    test          text NOT NULL,
    specimen      text NOT NULL,
    rule          text NOT NULL,
    reason        text NOT NULL,
    source        jsonb NOT NULL,
    ordered_by    uuid NOT NULL,
    ordered_name  text NOT NULL,
    ordered_at    timestamptz NOT NULL,
    status        text NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX lab_orders_assessment ON lab_orders (assessment_id, ordered_at, id);
-- The worklist: a site's orders not resulted or cancelled, oldest first.
CREATE INDEX lab_orders_open ON lab_orders (site_id, ordered_at, id) WHERE status IN ('open', 'collected', 'in_lab');

CREATE TABLE specimens (
    id             uuid PRIMARY KEY,
    accession      text NOT NULL UNIQUE,
    site_id        uuid NOT NULL REFERENCES sites(id),
    assessment_id  uuid NOT NULL REFERENCES assessments(id),
    applicant_id   uuid NOT NULL REFERENCES applicants(id),
    type           text NOT NULL,
    order_ids      jsonb NOT NULL,
    tests          jsonb NOT NULL,
    seq            integer NOT NULL,
    early_morning  boolean NOT NULL DEFAULT false,
    observed       boolean NOT NULL DEFAULT false,
    collected_at   timestamptz NOT NULL,
    collected_by   uuid NOT NULL,
    collected_name text NOT NULL,
    status         text NOT NULL,
    received_at    timestamptz,
    received_by    uuid,
    reject_reason  text NOT NULL DEFAULT '',
    reject_note    text NOT NULL DEFAULT '',
    rejected_at    timestamptz,
    rejected_by    uuid,
    replaces       uuid REFERENCES specimens(id),
    version        integer NOT NULL
);
CREATE INDEX specimens_assessment ON specimens (assessment_id, collected_at, id);

CREATE TABLE lab_results (
    id            uuid PRIMARY KEY,
    site_id       uuid NOT NULL REFERENCES sites(id),
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    specimen_id   uuid NOT NULL REFERENCES specimens(id),
    accession     text NOT NULL,
    order_id      uuid REFERENCES lab_orders(id),
    test          text NOT NULL,
    step          text NOT NULL,
    components    jsonb NOT NULL,
    value         text NOT NULL,
    number        double precision,
    flag          text NOT NULL,
    recorded_by   uuid NOT NULL,
    recorded_name text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    amends        uuid REFERENCES lab_results(id),
    amend_reason  text NOT NULL DEFAULT '',
    superseded    boolean NOT NULL DEFAULT false,
    ack_by        uuid,
    ack_name      text NOT NULL DEFAULT '',
    ack_at        timestamptz
);
CREATE INDEX lab_results_assessment ON lab_results (assessment_id, recorded_at, id);
CREATE INDEX lab_results_critical ON lab_results (site_id, assessment_id)
    WHERE flag = 'critical' AND NOT superseded AND ack_at IS NULL;
