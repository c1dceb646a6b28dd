-- Indexes for the foreign keys the queries filter on, and for the panel's paged list.
--
-- assessments.case_id: the panel's list (does a case have a valid form?) and the caseworker's
-- board (every member's assessment of the cases shown) look assessments up by case. Without this
-- index each case cost a sequential scan of assessments. The other foreign keys used in a filter
-- already have theirs: forms.assessment_id (forms_assessment), applicants.case_id
-- (applicants_case), results and addenda by assessment, vaccination_doses.applicant_id; the
-- others (e.g. forms.snapshot_id, form_snapshots.assessment_id) are only followed from the
-- referencing row to its primary key.
CREATE INDEX assessments_case ON assessments (case_id);

-- forms.applicant_id: the panel's list reads the forms of the people on its page.
CREATE INDEX forms_applicant ON forms (applicant_id);

-- The panel's list is ordered by departure date (cases without one last), case number and id,
-- and paged by that key; one index per destination serves the order and the page's start.
CREATE INDEX cases_panel ON cases (destination, (coalesce(departure_date, 'infinity'::date)), case_number, id);
