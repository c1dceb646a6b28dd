package clinic

import (
	"context"
	"time"
)

// ExportRecord is one signed assessment as the interoperability exports read it (FHIR documents,
// bulk NDJSON, submission packages): the current signed snapshot, the forms drawn from it, and
// the vaccination record as it stood at sign-off with its CDSi forecast.
type ExportRecord struct {
	AssessmentID   string
	ApplicantID    string
	SnapshotID     string
	SnapshotSHA256 string
	Snapshot       FormSnapshot
	Forms          []Form            // the valid forms of the snapshot
	Files          map[string][]byte // form id -> signed PDF, when asked for
	Doses          []Dose            // every dose on record at sign-off, those entered in error included
	VaccineNames   map[string]string // CVX code -> the vaccine's name
	Forecast       []VaccineForecast // CDSi's forecast at the exam; nil when there was no review
	// Treatments are what the nurse recorded of presumptive treatment at this exam (given,
	// withheld, refused), oldest first; never what a rule recommends.
	Treatments []TreatmentRecord
	// Consents are every consent of the person, withdrawn ones included, oldest first.
	Consents []Consent
	// XRayReadings are the readings of the chest X-ray that gave the final result, in the order
	// read (a teleradiology report a reading confirms names its reader in ReportedBy).
	XRayReadings  []ImagingReading
	FlightNumber  string
	DepartureDate *time.Time
	BaseURL       string // the server's public address: form links and code systems live under it
}

// ExportFilter chooses the signed assessments of a bulk export: one flight, or a range of
// sign-off dates (UTC calendar dates, both ends included).
type ExportFilter struct {
	Flight  string
	From    *time.Time
	To      *time.Time
	Country string // only this destination ("" any); set from a panel's account
	SiteID  string // only this site ("" any); set from a staff account
	Limit   int
}

// ExportStore finds what a bulk export holds.
type ExportStore interface {
	// SignedAssessments lists the ids of signed assessments that have a valid form and match
	// the filter, oldest sign-off first.
	SignedAssessments(ctx context.Context, f ExportFilter) ([]string, error)
}

// MaxExport is the most assessments one bulk export holds.
const MaxExport = 20000

// ExportAssessment returns one signed assessment for a FHIR document or a submission package,
// scoped as its forms are: a panel sees only its own country, staff only their own site, and
// anything else is "not found". withFiles adds the signed PDFs. The read is audited under action
// (e.g. assessment.fhir), and each PDF as a form download.
//
// The person must hold a standing consent to share results with the destination's authority.
//
// Errors: forbidden, not_found (no such signed assessment in the actor's scope), consent_required.
func (s *Service) ExportAssessment(ctx context.Context, a Actor, id, action string, withFiles bool) (ExportRecord, error) {
	if err := a.May(PermExportRecord); err != nil {
		return ExportRecord{}, err
	}
	var rec ExportRecord
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if rec, err = s.exportRecord(ctx, tx, a, id, withFiles); err != nil {
			return err
		}
		return s.auditExport(ctx, tx, a, rec, action, withFiles)
	})
	return rec, err
}

// ExportAssessments streams the signed assessments that match the filter to each, scoped and
// audited as ExportAssessment. A panel is held to its own country; staff to their own site. A
// person without a standing consent to share results with the destination is left out.
//
// Errors: forbidden, validation (a bad date range), and any error each returns.
func (s *Service) ExportAssessments(ctx context.Context, a Actor, f ExportFilter, action string, withFiles bool, each func(ExportRecord) error) error {
	if err := a.May(PermExportRecord); err != nil {
		return err
	}
	if a.Role == RolePanel {
		if a.Country == "" {
			return Errorf(EForbidden, "Your panel account has no receiving country.")
		}
		f.Country = a.Country
	} else {
		f.SiteID = a.SiteID
	}
	var p Problems
	if f.Flight == "" && (f.From == nil || f.To == nil) {
		p.Add("flight", "required", "Give a flight, or a range of sign-off dates (from and to).")
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		p.Add("to", "before_from", "The end date is before the start date.")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if f.Limit <= 0 || f.Limit > MaxExport {
		f.Limit = MaxExport
	}
	return s.store.Tx(ctx, func(tx Tx) error {
		ids, err := tx.SignedAssessments(ctx, f)
		if err != nil {
			return err
		}
		if len(ids) == 0 && f.Flight != "" {
			return NotFound("flight")
		}
		for _, id := range ids {
			rec, err := s.exportRecord(ctx, tx, a, id, withFiles)
			if IsCode(err, EConsentRequired) {
				continue // no consent to share with the country: left out of the export
			}
			if err != nil {
				return err
			}
			if err := s.auditExport(ctx, tx, a, rec, action, withFiles); err != nil {
				return err
			}
			if err := each(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// exportRecord loads one signed assessment the actor may see; otherwise "not found".
func (s *Service) exportRecord(ctx context.Context, tx Tx, a Actor, id string, withFiles bool) (ExportRecord, error) {
	forms, err := tx.FormsOf(ctx, id)
	if err != nil {
		return ExportRecord{}, err
	}
	var current []Form
	snapID := latestSnapshot(forms)
	for _, f := range forms {
		if f.SnapshotID == snapID && f.Status == FormValid && formVisible(a, f) {
			current = append(current, f)
		}
	}
	if len(current) == 0 {
		return ExportRecord{}, NotFound("assessment")
	}
	if err := requireConsent(ctx, tx, current[0].ApplicantID, ConsentShareAuthority, current[0].Destination, "the record is not exported"); err != nil {
		return ExportRecord{}, err
	}
	stored, err := tx.SnapshotByID(ctx, snapID)
	if err != nil {
		return ExportRecord{}, err
	}
	snap, err := decodeSnapshot(stored)
	if err != nil {
		return ExportRecord{}, err
	}
	ch, err := s.loadChart(ctx, tx, current[0].SiteID, id, false)
	if err != nil {
		return ExportRecord{}, err
	}
	rec := ExportRecord{AssessmentID: id, ApplicantID: ch.Applicant.ID, SnapshotID: snapID, SnapshotSHA256: stored.SHA256,
		Snapshot: snap, Forms: current, Doses: ch.Doses, FlightNumber: ch.Case.FlightNumber,
		DepartureDate: ch.Case.DepartureDate, BaseURL: s.publicURL}
	if ch.Vaccination != nil {
		rec.Forecast = ch.Vaccination.Forecast
	}
	rec.VaccineNames = map[string]string{}
	for _, d := range ch.Doses {
		if v, ok := s.immunizer.Vaccine(d.CVX); ok {
			rec.VaccineNames[d.CVX] = v.Name
		}
	}
	if err := s.exportExtras(ctx, tx, &rec, ch); err != nil {
		return ExportRecord{}, err
	}
	if withFiles {
		rec.Files = map[string][]byte{}
		for _, f := range current {
			if rec.Files[f.ID], err = tx.FormFile(ctx, f.ID); err != nil {
				return ExportRecord{}, err
			}
		}
	}
	return rec, nil
}

// exportExtras adds the recorded treatments, the person's consents and the readers of the final
// chest X-ray.
func (s *Service) exportExtras(ctx context.Context, tx Tx, rec *ExportRecord, ch Chart) error {
	rec.Treatments = ch.Treatments
	var err error
	if rec.Consents, err = tx.ConsentsOf(ctx, ch.Applicant.ID); err != nil {
		return err
	}
	studies, err := tx.StudiesOf(ctx, rec.AssessmentID)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if st.Status == StudyFinal {
			rec.XRayReadings = st.Readings
		}
	}
	return nil
}

// auditExport writes the export's audit row, and one form download per PDF handed out.
func (s *Service) auditExport(ctx context.Context, tx Tx, a Actor, rec ExportRecord, action string, withFiles bool) error {
	if err := tx.Audit(ctx, s.audit(a, action, "assessment", rec.AssessmentID)); err != nil {
		return err
	}
	if !withFiles {
		return nil
	}
	for _, f := range rec.Forms {
		if err := tx.Audit(ctx, s.audit(a, "form.download", "form", f.ID)); err != nil {
			return err
		}
	}
	return nil
}

// Now is the service clock's time, for export manifests.
//
// Errors: none.
func (s *Service) Now() time.Time { return s.clock.Now() }

// PublicURL is the server's public address: code systems and form links live under it.
//
// Errors: none.
func (s *Service) PublicURL() string { return s.publicURL }
