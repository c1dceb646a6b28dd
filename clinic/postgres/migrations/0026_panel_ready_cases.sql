-- The panel's list reads, in departure order, the cases of its country that have a valid form.
-- Walking every case of the country in that order and looking for a valid form under each took
-- seconds with a million people (most cases signed long ago, their forms not the panel's
-- business any more, or never drawn). has_valid_form marks the cases that ever had one, set by
-- the forms themselves, and a partial index keeps those in the list's order; the list still
-- checks for a valid form now (a revoked or superseded form leaves the mark).
ALTER TABLE cases ADD COLUMN has_valid_form boolean NOT NULL DEFAULT false;

UPDATE cases c SET has_valid_form = true
WHERE EXISTS (SELECT 1 FROM forms f JOIN applicants ap ON ap.id = f.applicant_id
              WHERE ap.case_id = c.id AND f.status = 'valid');

CREATE INDEX cases_panel_ready ON cases (destination, coalesce(departure_date, 'infinity'::date), case_number, id)
    WHERE has_valid_form;

CREATE FUNCTION forms_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET has_valid_form = true
    WHERE id = (SELECT case_id FROM applicants WHERE id = NEW.applicant_id) AND NOT has_valid_form;
    RETURN NULL;
END $$;

CREATE TRIGGER forms_mark_case AFTER INSERT OR UPDATE OF status ON forms
    FOR EACH ROW WHEN (NEW.status = 'valid') EXECUTE FUNCTION forms_mark_case();
