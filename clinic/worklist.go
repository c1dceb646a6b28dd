package clinic

import (
	"context"
	"time"
)

// WorkItem is one row of a station's worklist.
type WorkItem struct {
	Assessment Assessment
	Applicant  Applicant
	Case       Case
	Pending    []string // what the station still has to do for this person (step codes)
	Waiting    time.Time
	// IdentityHold is the identity mismatch holding the assessment, nil when none.
	IdentityHold *IdentityCheck
	// Critical counts the person's critical lab results no physician has acknowledged yet
	// (physician's worklist only).
	Critical int
}

// Station is a place in the clinic with its own worklist.
type Station string

// The stations.
const (
	StationNurse     Station = "nurse"
	StationLab       Station = "lab"
	StationRadiology Station = "radiology"
	StationPhysician Station = "physician"
	StationPEC       Station = "pec"
)

// WorkFilter narrows the assessments a worklist looks at, so the database leaves out people the
// station cannot serve before any rule is evaluated.
type WorkFilter struct {
	States []State
	// Examined: true for only those with history and vitals, false for only those lacking one,
	// nil for both.
	Examined *bool
	// CaseIDs, when set, keeps only these cases' assessments (the caseworker's board).
	CaseIDs []string
	Limit   int
}

// stationFilters say which assessments each station looks at.
var stationFilters = map[Station]WorkFilter{
	StationNurse:     {States: []State{StateQueued, StateInExam}, Examined: ptr(false)},
	StationLab:       {States: []State{StateQueued, StateInExam}},
	StationRadiology: {States: []State{StateQueued, StateInExam}},
	StationPhysician: {States: []State{StateInExam}, Examined: ptr(true)},
	StationPEC:       {States: []State{StateSigned, StateNotFit}},
}

func ptr[T any](v T) *T { return &v }

// Worklist returns the people waiting at a station, oldest first, each with what is left to do
// there. The protocol is evaluated per person, so the list shows only those the station can serve.
//
// Errors: validation (an unknown station; a record the protocol cannot assess), forbidden (the role
// may not open this station).
func (s *Service) Worklist(ctx context.Context, a Actor, st Station) ([]WorkItem, error) {
	roles, ok := stationRoles[st]
	if !ok {
		return nil, (&Problems{{Field: "station", Code: "not_allowed", Message: "Choose a station: nurse, lab, radiology, physician or pec."}}).Err()
	}
	if err := a.May(PermReadWorklist); err != nil {
		return nil, err
	}
	if err := a.allow(roles); err != nil {
		return nil, err
	}
	f := stationFilters[st]
	f.Limit = 500
	var out []WorkItem
	err := s.store.Tx(ctx, func(tx Tx) error {
		items, err := tx.Worklist(ctx, a.SiteID, f)
		if err != nil {
			return err
		}
		critical, err := s.criticalCounts(ctx, tx, a, st, items)
		if err != nil {
			return err
		}
		for _, it := range items {
			ch := Chart{Assessment: it.Assessment, Applicant: it.Applicant, Case: it.Case}
			if err := s.listChart(ctx, tx, &ch); err != nil {
				return err
			}
			it.Pending = stationWork(st, ch)
			if it.Critical = critical[it.Assessment.ID]; it.Critical > 0 {
				it.Pending = append(it.Pending, "acknowledge_critical") // the physician is told at once
			}
			if len(it.Pending) > 0 {
				checks, err := tx.IdentityChecksOf(ctx, it.Assessment.ID)
				if err != nil {
					return err
				}
				it.IdentityHold = identityHold(checks)
				out = append(out, it)
			}
		}
		return tx.Audit(ctx, s.audit(a, "worklist.read", "station", string(st)))
	})
	return out, err
}

// criticalCounts counts the unacknowledged critical results of the physician's worklist.
func (s *Service) criticalCounts(ctx context.Context, tx Tx, a Actor, st Station, items []WorkItem) (map[string]int, error) {
	if st != StationPhysician || s.lab == nil || len(items) == 0 {
		return nil, nil
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Assessment.ID
	}
	return tx.CriticalUnacknowledged(ctx, a.SiteID, ids)
}

// stationWork lists what a station has left to do for one chart.
func stationWork(st Station, ch Chart) []string {
	var out []string
	for _, step := range ch.Incomplete {
		spec, hasResult := resultSpecs[step]
		switch {
		case st == StationNurse && (step == "medical_history" || step == "physical_exam" || step == StepHIVCounselling || step == StepResultDisclosure):
			out = append(out, step)
		case st == StationLab && hasResult && RoleLab.Has(spec.perm):
			out = append(out, step)
		case st == StationRadiology && hasResult && RoleRadiology.Has(spec.perm):
			out = append(out, step)
		}
	}
	switch st {
	case StationPhysician:
		// The physician sees those whose results are in (or may wait by a rule): to classify and
		// sign. The board says the same of them: "waiting for the physician's review".
		if readyForPhysician(ch) {
			out = append(out, "classification")
		}
	case StationPEC:
		out = append(out, "pre_embarkation_check")
	}
	return out
}
