-- The vaccine supply of a site: the vaccines it cannot routinely get, with their history, and the
-- thresholds of its low-stock and expiring-soon list.
--
-- A vaccine is named as a DS-3025 line key (e.g. 'rotavirus') or a CDSi vaccine group (e.g.
-- 'HepA'), as the worksheet's lines are. A row is never deleted: lifting it fills lifted_*, and a
-- later entry for the same vaccine is a new row. At most one row per site and vaccine is in force.
CREATE TABLE vaccine_unavailability (
    id           uuid PRIMARY KEY,
    site_id      uuid NOT NULL REFERENCES sites(id),
    vaccine      text NOT NULL CHECK (vaccine <> ''),
    note         text NOT NULL DEFAULT '',
    set_on       date NOT NULL,          -- the site's calendar date it was set, printed on the DS-3025
    set_by       uuid NOT NULL,
    set_name     text NOT NULL,
    set_at       timestamptz NOT NULL,
    lifted_by    uuid,
    lifted_name  text,
    lifted_at    timestamptz,
    lift_note    text NOT NULL DEFAULT '',
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lifted_name IS NULL)),
    CHECK (lifted_at IS NULL OR lifted_at >= set_at)
);
CREATE UNIQUE INDEX vaccine_unavailability_in_force ON vaccine_unavailability (site_id, vaccine) WHERE lifted_at IS NULL;
CREATE INDEX vaccine_unavailability_site ON vaccine_unavailability (site_id, set_at);

-- The low-stock and expiring-soon list: a vaccine lot with this many doses left or fewer is low,
-- a lot expiring within this many days is expiring soon. Query parameters may override them.
ALTER TABLE sites ADD COLUMN vaccine_low_doses integer NOT NULL DEFAULT 5
    CHECK (vaccine_low_doses BETWEEN 0 AND 10000);
ALTER TABLE sites ADD COLUMN vaccine_expiry_days integer NOT NULL DEFAULT 30
    CHECK (vaccine_expiry_days BETWEEN 0 AND 3650);

-- The list reads a site's vaccine lots by expiry.
CREATE INDEX medicine_batches_site_vaccine ON medicine_batches (site_id, expires_on) WHERE drug = 'vaccine';
