package clinic

import (
	"context"
	"strings"
	"time"
)

// ImagingReading is one reading of a chest X-ray on the receiving country's form.
type ImagingReading struct {
	ID       string
	StudyID  string
	Seq      int    // 1, 2, 3 in the order read
	Kind     string // first | second | third | consensus
	Form     string
	Findings []string // the ticked findings of a findings form (DS-3030), in the order ticked
	Grade    string   // the grade of a grading form
	Result   string   // the overall result, derived from the findings or the grade
	Remarks  string
	// Participants are the readers of a consensus, in words.
	Participants string
	// ReportID is the teleradiology report this reading confirms, and ReportedBy its reader.
	ReportID   string
	ReportedBy string
	ReaderID   string
	ReaderName string
	ReadAt     time.Time
}

// The kinds of reading.
const (
	ReadFirst     = "first"
	ReadSecond    = "second"
	ReadThird     = "third"
	ReadConsensus = "consensus"
)

// RecordImagingReading records one reading of a study; it is the one place where an X-ray is
// read. The first reading goes to a blind second reader when its result suggests TB or the
// site's share picks it; two readings that disagree go to a third reader (or a consensus, with
// its participants). The final reading writes the protocol's step result in the same
// transaction, and the turnaround (order to final report) is kept. A reading may confirm an
// imported teleradiology report (r.ReportID): its text becomes the remarks, its reader is kept.
//
// Errors: forbidden, not_found, validation (findings not on the form, a missing grade),
// conflict (a stale version), invalid_state (not ready to read, deferred, already final, the
// same reader twice, a preliminary report), locked (the assessment is signed),
// identity_check_required (the X-ray station did not check the person against the photo when
// the image was taken; that check counts for every later read), identity_hold (an identity
// mismatch holds the assessment).
func (s *Service) RecordImagingReading(ctx context.Context, a Actor, id string, version int, r ImagingReading) (ImagingStudy, error) {
	if err := a.May(PermRecordImaging); err != nil {
		return ImagingStudy{}, err
	}
	r.Remarks, r.Participants = strings.TrimSpace(r.Remarks), strings.TrimSpace(r.Participants)
	return s.changeStudy(ctx, a, id, version, "imaging.reading", func(tx Tx, st *ImagingStudy, now time.Time) error {
		if err := st.readyToRead(a, &r); err != nil {
			return err
		}
		if err := s.requireIdentityOf(ctx, tx, a.SiteID, st.AssessmentID, IDXray, now); err != nil {
			return err
		}
		if r.ReportID != "" {
			if err := st.fromReport(&r); err != nil {
				return err
			}
		}
		form, err := s.studyForm(*st)
		if err != nil {
			return err
		}
		if r.Result, err = form.derive(&r); err != nil {
			return err
		}
		r.ID, r.StudyID, r.Seq, r.Form = NewID(), st.ID, len(st.Readings)+1, form.Form
		r.ReaderID, r.ReaderName, r.ReadAt = a.UserID, a.Name, now
		if err := tx.AddReading(ctx, r); err != nil {
			return err
		}
		st.Readings = append(st.Readings, r)
		final, err := s.nextRead(ctx, tx, st, r)
		if err != nil || !final {
			return err
		}
		return s.finishStudy(ctx, tx, a, st, r.Result, now)
	})
}

// studyForm is the form the study is read on.
func (s *Service) studyForm(st ImagingStudy) (ReadingForm, error) {
	if f, ok := ReadingFormNamed(st.Form); ok {
		return f, nil
	}
	return ReadingForm{}, NotFound("reading form " + st.Form)
}

// readyToRead checks that the study waits for this kind of reading from this reader.
func (st *ImagingStudy) readyToRead(a Actor, r *ImagingReading) error {
	switch st.Status {
	case StudyDeferred:
		return Errorf(EInvalidState, "The X-ray is deferred until after delivery.")
	case StudyFinal:
		return Errorf(EInvalidState, "The X-ray has its final reading.")
	case StudyOrdered:
		if st.PregnancyAsked && st.Pregnancy == "" {
			return Errorf(EInvalidState, "Ask about pregnancy before the X-ray.")
		}
		r.Kind = ReadFirst
	case StudySecondRead:
		r.Kind = ReadSecond
	case StudyThirdRead:
		if r.Kind != ReadConsensus {
			r.Kind = ReadThird
		}
	}
	if r.Kind == ReadConsensus {
		if r.Participants == "" {
			return (&Problems{{Field: "participants", Code: "required", Message: "Name the readers who agreed the consensus."}}).Err()
		}
		return nil
	}
	if r.Participants != "" {
		return (&Problems{{Field: "participants", Code: "not_allowed", Message: "Participants are named for a consensus only."}}).Err()
	}
	for _, earlier := range st.Readings {
		if earlier.ReaderID == a.UserID {
			return Errorf(EInvalidState, "You read this X-ray already; another reader must read it, blind to your reading.")
		}
	}
	return nil
}

// fromReport fills a reading that confirms a teleradiology report.
func (st *ImagingStudy) fromReport(r *ImagingReading) error {
	for _, rep := range st.Reports {
		if rep.ID != r.ReportID {
			continue
		}
		if rep.Status == "P" {
			return Errorf(EInvalidState, "This report is preliminary; confirm the final report.")
		}
		for _, earlier := range st.Readings {
			if earlier.ReportID == rep.ID {
				return Errorf(EInvalidState, "This report is confirmed already.")
			}
		}
		if r.Remarks == "" {
			r.Remarks = rep.Report
		}
		r.ReportedBy = rep.Reader
		return nil
	}
	return (&Problems{{Field: "report_id", Code: "unknown_report", Message: "No report of this study has that id."}}).Err()
}

// nextRead moves the study to the reading it waits for next, and says whether r is final.
func (s *Service) nextRead(ctx context.Context, tx Tx, st *ImagingStudy, r ImagingReading) (bool, error) {
	switch r.Kind {
	case ReadFirst:
		switch {
		case needsSecondRead(r.Result):
			st.SecondRead = "required"
		default:
			pct, err := tx.SecondReadPercent(ctx, st.SiteID)
			if err != nil {
				return false, err
			}
			st.SecondRead = "not_sampled"
			if SecondReadSampled(st.Accession, pct) {
				st.SecondRead = "sampled"
			}
		}
		if st.SecondRead == "not_sampled" {
			return true, nil
		}
		st.Status = StudySecondRead
		return false, nil
	case ReadSecond:
		if r.Result == st.Readings[0].Result {
			return true, nil
		}
		st.Status = StudyThirdRead
		return false, nil
	}
	return true, nil
}

// finishStudy makes result final: the study keeps it with its turnaround, and the assessment
// gets it as the step's result (as a typed result would), in the same transaction.
func (s *Service) finishStudy(ctx context.Context, tx Tx, a Actor, st *ImagingStudy, result string, now time.Time) error {
	st.Status, st.Final, st.FinalAt = StudyFinal, result, &now
	secs := int64(now.Sub(st.OrderedAt) / time.Second)
	st.TurnaroundSeconds = &secs
	ch, err := s.loadChart(ctx, tx, st.SiteID, st.AssessmentID, true)
	if err != nil {
		return err
	}
	next, err := Next(ch.Assessment.State, ActRecord)
	if err != nil {
		return err
	}
	res := Result{Step: st.Step, Text: result, RecordedBy: a.UserID, ByName: a.Name, RecordedAt: now}
	if err := tx.AddResult(ctx, st.AssessmentID, res); err != nil {
		return err
	}
	ch.Assessment.State, ch.Assessment.UpdatedAt = next, now
	if err := tx.SaveAssessment(ctx, &ch.Assessment, ch.Assessment.Version); err != nil {
		return err
	}
	if err := tx.Audit(ctx, s.audit(a, "assessment.result", "assessment", st.AssessmentID)); err != nil {
		return err
	}
	// The final reading may make steps required (a suggestive X-ray asks for sputum): the lab's
	// orders follow the plan at once, as after a typed result.
	if ch, err = s.loadChart(ctx, tx, st.SiteID, st.AssessmentID, false); err != nil {
		return err
	}
	return s.syncLabOrders(ctx, tx, a, ch, now)
}

// SetSecondReadShare sets the site's share (0 to 100 %) of X-rays not suggestive of TB that a
// second reader reads for quality control.
//
// Errors: forbidden, validation.
func (s *Service) SetSecondReadShare(ctx context.Context, a Actor, percent int) error {
	if err := a.May(PermSetRadiologySettings); err != nil {
		return err
	}
	if percent < 0 || percent > 100 {
		return (&Problems{{Field: "percent", Code: "out_of_range", Message: "Enter a share from 0 to 100 %."}}).Err()
	}
	return s.store.Tx(ctx, func(tx Tx) error {
		if err := tx.SetSecondReadPercent(ctx, a.SiteID, percent); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "imaging.second_read_share", "site", a.SiteID))
	})
}

// SecondReadShare returns the site's share of second reads.
//
// Errors: forbidden.
func (s *Service) SecondReadShare(ctx context.Context, a Actor) (int, error) {
	if err := a.May(PermReadImaging); err != nil {
		return 0, err
	}
	var pct int
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		pct, err = tx.SecondReadPercent(ctx, a.SiteID)
		return err
	})
	return pct, err
}

// noStudyOf refuses a typed result for a step that has an imaging study: only the study's final
// reading gives its result.
func noStudyOf(ctx context.Context, tx Tx, assessmentID, step string) error {
	if !contains(imagingSteps(), step) {
		return nil
	}
	studies, err := tx.StudiesOf(ctx, assessmentID)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if st.Step == step {
			return Errorf(EInvalidState, "This X-ray is read through its imaging study (%s); only its final reading gives the result.", st.Accession)
		}
	}
	return nil
}
