-- The panel's list reads, in departure order, the cases of its country that have a valid form.
-- Walking every case of the country in that order and looking for a valid form under each took
-- seconds with a million people (most cases signed long ago, or their forms never drawn).
-- has_valid_form says whether a case has a valid form for its destination now; the forms keep it
-- (a form becoming valid sets it, a valid form superseded or revoked recounts), and a partial
-- index holds those cases in the list's order.
ALTER TABLE cases ADD COLUMN has_valid_form boolean NOT NULL DEFAULT false;

UPDATE cases c SET has_valid_form = true
WHERE EXISTS (SELECT 1 FROM forms f JOIN applicants ap ON ap.id = f.applicant_id
              WHERE ap.case_id = c.id AND f.status = 'valid' AND f.destination = c.destination);

CREATE INDEX cases_panel_ready ON cases (destination, coalesce(departure_date, 'infinity'::date), case_number, id)
    WHERE has_valid_form;

CREATE FUNCTION forms_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kase uuid := (SELECT case_id FROM applicants WHERE id = NEW.applicant_id);
BEGIN
    IF NEW.status = 'valid' THEN
        UPDATE cases SET has_valid_form = true
        WHERE id = kase AND destination = NEW.destination AND NOT has_valid_form;
    ELSE
        UPDATE cases c SET has_valid_form = EXISTS (
            SELECT 1 FROM forms f JOIN applicants ap ON ap.id = f.applicant_id
            WHERE ap.case_id = c.id AND f.status = 'valid' AND f.destination = c.destination)
        WHERE c.id = kase AND c.has_valid_form;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER forms_mark_case AFTER INSERT OR UPDATE OF status ON forms
    FOR EACH ROW WHEN (NEW.status = 'valid') EXECUTE FUNCTION forms_mark_case();
CREATE TRIGGER forms_unmark_case AFTER UPDATE OF status ON forms
    FOR EACH ROW WHEN (OLD.status = 'valid' AND NEW.status <> 'valid') EXECUTE FUNCTION forms_mark_case();
