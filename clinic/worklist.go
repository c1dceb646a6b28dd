package clinic

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
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
	// After, when set, starts after this place in the list (oldest queued first, ties by id).
	After *WorkCursor
	Limit int
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

// The worklist's page sizes, and the most assessments one request reads to fill a page (the
// protocol decides who is left for a station, so some read rows are not listed).
const (
	WorklistPageDefault = 50
	WorklistPageMax     = 200
	worklistBatch       = 200
	worklistScanMax     = 4000
)

// Worklist returns one page of the people waiting at a station, oldest first, each with what is
// left to do there. The database hands over the station's open assessments in keyset order, a
// batch at a time; the protocol is evaluated for each, so the page lists only those the station
// can serve, and "next" continues after the last one read. A page may hold fewer than limit people
// (down to none) when many read in a row have nothing left for the station; "next" is then still
// given, and is empty only when the whole list has been read.
//
// Errors: validation (an unknown station; a cursor or limit the list did not give; a record the
// protocol cannot assess), forbidden (the role may not open this station).
func (s *Service) Worklist(ctx context.Context, a Actor, st Station, cursor string, limit int) (Page[WorkItem], error) {
	roles, ok := stationRoles[st]
	if !ok {
		return Page[WorkItem]{}, (&Problems{{Field: "station", Code: "not_allowed", Message: "Choose a station: nurse, lab, radiology, physician or pec."}}).Err()
	}
	if err := a.May(PermReadWorklist); err != nil {
		return Page[WorkItem]{}, err
	}
	if err := a.allow(roles); err != nil {
		return Page[WorkItem]{}, err
	}
	after, err := ParseWorkCursor(cursor)
	if err != nil {
		return Page[WorkItem]{}, err
	}
	if limit == 0 {
		limit = WorklistPageDefault
	}
	if limit < 1 || limit > WorklistPageMax {
		return Page[WorkItem]{}, (&Problems{{Field: "limit", Code: "out_of_range", Message: fmt.Sprintf("Ask for 1 to %d people.", WorklistPageMax)}}).Err()
	}
	var page Page[WorkItem]
	err = s.store.Tx(ctx, func(tx Tx) error {
		page.Items, page.Next = nil, ""
		f := stationFilters[st]
		f.After, f.Limit = after, worklistBatch
		for scanned := 0; ; {
			items, err := tx.Worklist(ctx, a.SiteID, f)
			if err != nil {
				return err
			}
			listed, err := s.stationItems(ctx, tx, a, st, items)
			if err != nil {
				return err
			}
			scanned += len(items)
			for i := range items {
				if listed[i] == nil {
					continue
				}
				if len(page.Items) == limit {
					// One more follows: the page ends at its last person.
					page.Next = workCursorOf(page.Items[limit-1]).String()
					return tx.Audit(ctx, s.audit(a, "worklist.read", "station", string(st)))
				}
				page.Items = append(page.Items, *listed[i])
			}
			if len(items) < f.Limit {
				break // the whole list has been read
			}
			f.After = ptr(workCursorOf(items[len(items)-1]))
			if scanned >= worklistScanMax {
				page.Next = f.After.String() // enough read for one request; the next page goes on
				break
			}
		}
		return tx.Audit(ctx, s.audit(a, "worklist.read", "station", string(st)))
	})
	return page, err
}

// stationItems evaluates the protocol for each assessment read and returns, in the same order,
// the item with what the station has left to do, or nil when the station has nothing to do.
func (s *Service) stationItems(ctx context.Context, tx Tx, a Actor, st Station, items []WorkItem) ([]*WorkItem, error) {
	critical, err := s.criticalCounts(ctx, tx, a, st, items)
	if err != nil {
		return nil, err
	}
	page, err := s.loadListPage(ctx, tx, itemCharts(items))
	if err != nil {
		return nil, err
	}
	out := make([]*WorkItem, len(items))
	for i := range items {
		it := items[i]
		ch := Chart{Assessment: it.Assessment, Applicant: it.Applicant, Case: it.Case}
		if err := s.listChart(ctx, tx, &ch, page); err != nil {
			return nil, err
		}
		it.Pending = stationWork(st, ch)
		if it.Critical = critical[it.Assessment.ID]; it.Critical > 0 {
			it.Pending = append(it.Pending, "acknowledge_critical") // the physician is told at once
		}
		if len(it.Pending) == 0 {
			continue
		}
		checks, err := page.identityChecksOf(ctx, tx, it.Assessment.ID)
		if err != nil {
			return nil, err
		}
		it.IdentityHold = identityHold(checks)
		out[i] = &it
	}
	return out, nil
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
		case st == StationPhysician && strings.HasPrefix(step, ReferralStepPrefix):
			// A specialist's report the rules require: the physician refers and records it.
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

// WorkCursor is where a page of a worklist ends: assessments oldest queued first, ties by id.
type WorkCursor struct {
	QueuedAt time.Time
	ID       string
}

func workCursorOf(it WorkItem) WorkCursor {
	return WorkCursor{QueuedAt: it.Assessment.QueuedAt, ID: it.Assessment.ID}
}

// String encodes the cursor for the API's "next".
func (c WorkCursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte("w1|" + strconv.FormatInt(c.QueuedAt.UnixNano(), 10) + "|" + c.ID))
}

// ParseWorkCursor reads a cursor made by WorkCursor.String; anything else is a validation problem
// on the "cursor" field.
func ParseWorkCursor(s string) (*WorkCursor, error) {
	if s == "" {
		return nil, nil
	}
	bad := (&Problems{{Field: "cursor", Code: "invalid_cursor", Message: "This cursor is not one the list gave; start again from the first page."}}).Err()
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 3 || parts[0] != "w1" || !isUUID(parts[2]) {
		return nil, bad
	}
	ns, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return nil, bad
	}
	return &WorkCursor{QueuedAt: time.Unix(0, ns).UTC(), ID: parts[2]}, nil
}
