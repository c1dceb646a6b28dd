-- Specialist referrals: the physician refers a person (specialty, reason, facility, urgency, due
-- date, the rule that asked for it if any); the specialist's report is recorded as text and, when
-- sent as a PDF, kept with it. An open referral marked so holds the sign-off.
CREATE TABLE referrals (
    id             uuid PRIMARY KEY,
    assessment_id  uuid NOT NULL REFERENCES assessments(id),
    site_id        uuid NOT NULL REFERENCES sites(id),
    specialty      text NOT NULL,
    reason         text NOT NULL,
    facility       text NOT NULL DEFAULT '',
    urgency        text NOT NULL CHECK (urgency IN ('routine', 'urgent')),
    due_on         date NOT NULL,
    rule           text NOT NULL DEFAULT '',
    blocks_signoff boolean NOT NULL,
    status         text NOT NULL CHECK (status IN ('open', 'answered')),
    report         text NOT NULL DEFAULT '',
    report_pdf     bytea,
    answered_at    timestamptz,
    answered_by    uuid,
    answered_name  text NOT NULL DEFAULT '',
    created_by     uuid NOT NULL,
    created_name   text NOT NULL,
    created_at     timestamptz NOT NULL,
    CHECK ((status = 'answered') = (answered_at IS NOT NULL))
);
CREATE INDEX referrals_assessment ON referrals (assessment_id, created_at);
-- The physician's list: a site's open referrals, soonest due first.
CREATE INDEX referrals_site_open ON referrals (site_id, due_on, id) WHERE status = 'open';
