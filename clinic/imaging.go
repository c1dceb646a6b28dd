package clinic

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"
)

// ImagingStudy is one chest X-ray the protocol plan requires: ordered from the plan (with the rule
// and source that require it), the pregnancy question when it applies, its readings (a first
// read, a blind second read when the result suggests TB or the site's sample picks it, a third
// read or a consensus when the two disagree), and the final result that drives the protocol.
type ImagingStudy struct {
	ID            string
	SiteID        string
	AssessmentID  string
	ApplicantID   string
	Accession     string // e.g. RXKGL0000012: printed on the request, matched by teleradiology reports
	Step          string // the protocol step: cxr
	Rule          string // the rule that requires it
	Reason        string
	Source        string // the rule's source, in words
	Form          string // the reading form: DS-3030, IMM 5419, Form 160, INZ 1096
	OrderedBy     string
	OrderedByName string
	OrderedAt     time.Time

	// PregnancyAsked is true for a woman of child-bearing age (reference file); the X-ray waits
	// for the answer: not_pregnant, shield (pregnant: taken with abdominal shielding and consent)
	// or defer (pregnant: after delivery).
	PregnancyAsked  bool
	Pregnancy       string
	PregnancyBy     string
	PregnancyByName string
	PregnancyAt     *time.Time

	Status string // ordered | deferred | second_read | third_read | final
	// SecondRead says why a second reader sees it: required (the first read suggests TB),
	// sampled (the site's share), or not_sampled; "" before the first read.
	SecondRead string
	Final      string // the final result (normal | suggestive_of_tb | inactive_tb | abnormal_not_tb)
	FinalAt    *time.Time
	// TurnaroundSeconds is order to final report.
	TurnaroundSeconds *int64
	Version           int

	Readings []ImagingReading
	Reports  []RadiologyReport // teleradiology reports matched to the study, oldest first

	// Hidden counts the readings the caller may not see yet (a blind second or third read).
	Hidden int
	// Applicant's names, for worklists.
	Surnames, GivenNames string
}

// The statuses of a study.
const (
	StudyOrdered    = "ordered"
	StudyDeferred   = "deferred"
	StudySecondRead = "second_read"
	StudyThirdRead  = "third_read"
	StudyFinal      = "final"
)

// The answers to the pregnancy question.
var PregnancyAnswers = []string{"not_pregnant", "shield", "defer"}

// ImagingStore holds the imaging studies, their readings and the teleradiology reports.
type ImagingStore interface {
	// NextImagingAccession returns the next number of the imaging accession sequence.
	NextImagingAccession(ctx context.Context) (int64, error)
	CreateStudy(ctx context.Context, st *ImagingStudy) error
	// StudyByID loads a study of the site with its readings and reports; forUpdate locks it.
	StudyByID(ctx context.Context, siteID, id string, forUpdate bool) (ImagingStudy, error)
	// StudyByAccession loads a study of any site, locked, without its readings and reports.
	StudyByAccession(ctx context.Context, accession string) (ImagingStudy, error)
	StudiesOf(ctx context.Context, assessmentID string) ([]ImagingStudy, error)
	// SaveStudy writes the study's own fields if still at expectedVersion, and bumps it.
	SaveStudy(ctx context.Context, st *ImagingStudy, expectedVersion int) error
	AddReading(ctx context.Context, r ImagingReading) error
	// RadiologyWorklist lists the site's studies with the given statuses, oldest order first.
	RadiologyWorklist(ctx context.Context, siteID string, statuses []string, limit int) ([]ImagingStudy, error)
	// AddRadiologyReport keeps a matched report; a report with a control id already kept for
	// the study is not added again (it reports false).
	AddRadiologyReport(ctx context.Context, r RadiologyReport) (bool, error)
	// AddImportError keeps a message that could not be imported.
	AddImportError(ctx context.Context, e RadiologyImportError) error
	// ImportErrors lists kept messages, newest first.
	ImportErrors(ctx context.Context, limit int) ([]RadiologyImportError, error)
	// SecondReadPercent is the site's share of non-suggestive X-rays read twice.
	SecondReadPercent(ctx context.Context, siteID string) (int, error)
	SetSecondReadPercent(ctx context.Context, siteID string, percent int) error
}

// imagingSteps are the protocol steps read by radiology.
func imagingSteps() []string {
	var out []string
	for step, spec := range resultSpecs {
		if spec.perm == PermRecordRadiologyResult {
			out = append(out, step)
		}
	}
	return out
}

// OrderImaging turns each imaging step the protocol plan requires into a study, unless the step
// already has one; it returns the assessment's studies.
//
// Errors: forbidden, not_found, locked (signed), validation (the protocol cannot assess the
// record).
func (s *Service) OrderImaging(ctx context.Context, a Actor, assessmentID string) ([]ImagingStudy, error) {
	if err := a.May(PermOrderImaging); err != nil {
		return nil, err
	}
	var out []ImagingStudy
	err := s.tx(ctx, func(tx Tx) error {
		ch, err := s.loadChart(ctx, tx, a.SiteID, assessmentID, true)
		if err != nil {
			return err
		}
		if ch.Assessment.Signoff != nil {
			return Errorf(ELocked, "The assessment is signed; order nothing more on it.")
		}
		have, err := tx.StudiesOf(ctx, assessmentID)
		if err != nil {
			return err
		}
		ordered := map[string]bool{}
		for _, st := range have {
			ordered[st.Step] = true
		}
		form, err := ReadingFormFor(ch.Plan.ProtocolID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		for _, req := range ch.Plan.Required {
			if !contains(imagingSteps(), req.Step) || ordered[req.Step] {
				continue
			}
			n, err := tx.NextImagingAccession(ctx)
			if err != nil {
				return err
			}
			st := ImagingStudy{ID: NewID(), SiteID: a.SiteID, AssessmentID: assessmentID, ApplicantID: ch.Applicant.ID,
				Accession: fmt.Sprintf("RX%s%07d", a.SiteCode, n), Step: req.Step, Rule: req.Rule, Reason: req.Reason,
				Source: sourceWords(req.Source), Form: form.Form, OrderedBy: a.UserID, OrderedByName: a.Name, OrderedAt: now,
				PregnancyAsked: asksPregnancy(ch.Applicant.Sex, ch.Plan.AgeYears), Status: StudyOrdered, Version: 1}
			if err := tx.CreateStudy(ctx, &st); err != nil {
				return err
			}
			ordered[req.Step] = true
			if err := tx.Audit(ctx, s.audit(a, "imaging.order", "imaging_study", st.ID)); err != nil {
				return err
			}
		}
		out, err = tx.StudiesOf(ctx, assessmentID)
		if err != nil {
			return err
		}
		for i := range out {
			out[i].blind(a)
		}
		return tx.Audit(ctx, s.audit(a, "imaging.list", "assessment", assessmentID))
	})
	return out, err
}

// sourceWords writes a rule's source in one line.
func sourceWords(src Source) string {
	out := src.Doc
	if src.Section != "" {
		out += ", " + src.Section
	}
	if src.Edition != "" {
		out += " (" + src.Edition + ")"
	}
	return out
}

// ImagingStudyByID returns one study of the actor's site, as the actor may see it: while the
// reading is not final, a reader sees only their own readings (the second read is blind).
//
// Errors: forbidden, not_found.
func (s *Service) ImagingStudyByID(ctx context.Context, a Actor, id string) (ImagingStudy, error) {
	if err := a.May(PermReadImaging); err != nil {
		return ImagingStudy{}, err
	}
	var st ImagingStudy
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if st, err = tx.StudyByID(ctx, a.SiteID, id, false); err != nil {
			return err
		}
		st.blind(a)
		return tx.Audit(ctx, s.audit(a, "imaging.read", "imaging_study", id))
	})
	return st, err
}

// blind hides from a reader the readings of others until the study is final.
func (st *ImagingStudy) blind(a Actor) {
	if st.Status == StudyFinal {
		return
	}
	own := st.Readings[:0:0]
	for _, r := range st.Readings {
		if r.ReaderID == a.UserID {
			own = append(own, r)
		}
	}
	st.Hidden = len(st.Readings) - len(own)
	st.Readings = own
}

// RadiologyWorklist lists the site's studies waiting for radiology (to be taken or read, a
// second or a third read), oldest order first.
//
// Errors: forbidden.
func (s *Service) RadiologyWorklist(ctx context.Context, a Actor, limit int) ([]ImagingStudy, error) {
	if err := a.May(PermReadImaging); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	var out []ImagingStudy
	err := s.store.Tx(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.RadiologyWorklist(ctx, a.SiteID, []string{StudyOrdered, StudySecondRead, StudyThirdRead}, limit); err != nil {
			return err
		}
		for i := range out {
			out[i].blind(a)
		}
		return tx.Audit(ctx, s.audit(a, "imaging.worklist", "site", a.SiteID))
	})
	return out, err
}

// AnswerPregnancy records the pregnancy question before the X-ray: not_pregnant, shield (taken
// with abdominal shielding and consent) or defer (after delivery; the study waits as deferred).
// A later answer replaces it (e.g. after delivery) while the study is not read.
//
// The person is in front of the radiographer: the X-ray station's identity check comes first.
//
// Errors: forbidden, not_found, validation, conflict (a stale version), invalid_state (not asked
// of this person, or already read), identity_check_required (no check at the X-ray station),
// identity_hold (an identity mismatch holds the assessment).
func (s *Service) AnswerPregnancy(ctx context.Context, a Actor, id string, version int, answer string) (ImagingStudy, error) {
	if err := a.May(PermRecordImaging); err != nil {
		return ImagingStudy{}, err
	}
	if !contains(PregnancyAnswers, answer) {
		return ImagingStudy{}, (&Problems{{Field: "answer", Code: "not_allowed", Message: "Choose one of: not_pregnant, shield, defer."}}).Err()
	}
	return s.changeStudy(ctx, a, id, version, "imaging.pregnancy", func(tx Tx, st *ImagingStudy, now time.Time) error {
		if err := s.requireIdentityOf(ctx, tx, a.SiteID, st.AssessmentID, IDXray, now); err != nil {
			return err
		}
		if !st.PregnancyAsked {
			return Errorf(EInvalidState, "The pregnancy question is not asked of this person.")
		}
		if st.Status != StudyOrdered && st.Status != StudyDeferred {
			return Errorf(EInvalidState, "The X-ray is already read.")
		}
		st.Pregnancy, st.PregnancyBy, st.PregnancyByName, st.PregnancyAt = answer, a.UserID, a.Name, &now
		st.Status = StudyOrdered
		if answer == "defer" {
			st.Status = StudyDeferred
		}
		return nil
	})
}

// changeStudy runs a change on a study of the actor's site, locked and at the expected version,
// audits it and returns the study as the actor may see it.
func (s *Service) changeStudy(ctx context.Context, a Actor, id string, version int, action string,
	change func(tx Tx, st *ImagingStudy, now time.Time) error) (ImagingStudy, error) {
	var out ImagingStudy
	err := s.tx(ctx, func(tx Tx) error {
		st, err := tx.StudyByID(ctx, a.SiteID, id, true)
		if err != nil {
			return err
		}
		if st.Version != version {
			return Conflict("imaging study", st.Version)
		}
		if err := change(tx, &st, s.clock.Now()); err != nil {
			return err
		}
		if err := tx.SaveStudy(ctx, &st, version); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, action, "imaging_study", id)); err != nil {
			return err
		}
		if out, err = tx.StudyByID(ctx, a.SiteID, id, false); err != nil {
			return err
		}
		out.blind(a)
		return nil
	})
	return out, err
}

// SecondReadSampled says whether a study whose first read does not suggest TB is in the site's
// share of second reads: a hash of the accession number picks it, so the choice is the same
// whoever asks and however often, and no reader can steer it.
func SecondReadSampled(accession string, percent int) bool {
	h := fnv.New32a()
	h.Write([]byte(accession))
	return int(h.Sum32()%10000) < percent*100
}
