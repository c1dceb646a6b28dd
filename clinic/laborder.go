package clinic

import (
	"context"
	"time"
)

// Lab order statuses.
const (
	OrderOpen      = "open"      // specimens still to collect
	OrderCollected = "collected" // every specimen collected, not all received at the lab
	OrderInLab     = "in_lab"    // every specimen received, results not all in
	OrderResulted  = "resulted"  // the step has its result
	OrderCancelled = "cancelled" // the protocol no longer asks for the step
)

// LabOrder is one lab test the protocol plan asks for: made when a rule first requires the step,
// with the rule and its source as the reason, and the person whose change made the rule apply.
type LabOrder struct {
	ID           string
	SiteID       string
	AssessmentID string
	ApplicantID  string
	Step         string
	Test         string // catalog code
	Specimen     string // specimen type
	Rule         string
	Reason       string
	Source       Source
	OrderedBy    string // user id of the change that made the rule apply
	OrderedName  string
	OrderedAt    time.Time
	Status       string
	UpdatedAt    time.Time
}

// LabStore holds lab orders, specimens and coded results.
type LabStore interface {
	AddLabOrder(ctx context.Context, o LabOrder) error
	// LabOrdersOf lists an assessment's orders, oldest first.
	LabOrdersOf(ctx context.Context, assessmentID string) ([]LabOrder, error)
	SetLabOrderStatus(ctx context.Context, id, status string, at time.Time) error
	// LabWorklist lists a site's orders that are not resulted or cancelled, oldest first, after
	// the cursor; with the person each is for.
	LabWorklist(ctx context.Context, siteID string, after *LabCursor, limit int) ([]LabWorkItem, error)
	// NextAccession gives the next number of the accession sequence.
	NextAccession(ctx context.Context) (int64, error)
	AddSpecimen(ctx context.Context, sp Specimen) error
	SpecimenByAccession(ctx context.Context, siteID, accession string, forUpdate bool) (Specimen, error)
	// SpecimensOf lists an assessment's specimens in collection order.
	SpecimensOf(ctx context.Context, assessmentID string) ([]Specimen, error)
	// SaveSpecimen writes a specimen's status fields if its version is expectedVersion, and bumps it.
	SaveSpecimen(ctx context.Context, sp *Specimen, expectedVersion int) error
	AddLabResult(ctx context.Context, r LabResult) error
	// LabResultsOf lists an assessment's results, amended ones included, oldest first.
	LabResultsOf(ctx context.Context, assessmentID string) ([]LabResult, error)
	LabResultByID(ctx context.Context, siteID, id string, forUpdate bool) (LabResult, error)
	SupersedeLabResult(ctx context.Context, id string) error
	AcknowledgeLabResult(ctx context.Context, id, by, byName string, at time.Time) error
	// CriticalUnacknowledged counts, per assessment, the current critical results not acknowledged.
	CriticalUnacknowledged(ctx context.Context, siteID string, assessmentIDs []string) (map[string]int, error)
	// LabOrdersInLab lists a site's orders of the given tests whose specimens are all at the lab
	// (status in_lab), oldest first, with the person each is for.
	LabOrdersInLab(ctx context.Context, siteID string, tests []string, limit int) ([]LabWorkItem, error)
}

// LabWorkItem is one open order on the lab's worklist with the person it is for.
type LabWorkItem struct {
	Order     LabOrder
	Applicant Applicant
	HasPhoto  bool
	// WithNurse: the person's history or vitals are not recorded yet, so they are still waiting
	// for the nurse (or with the nurse); the worklist says so beside their orders.
	WithNurse bool
	Specimens []Specimen // the order's specimens, rejected ones included, in collection order
	// ReadingFrom/ReadingUntil: a skin test's reading window (48–72 h after placing).
	ReadingFrom, ReadingUntil *time.Time
	// ExpectedBy: when a test with a turnaround (cultures) is due; Overdue when it has passed.
	ExpectedBy *time.Time
	Overdue    bool
}

// LabCursor is where a page of the lab worklist ends: orders oldest first, ties by id.
type LabCursor struct {
	OrderedAt time.Time
	ID        string
}

// String encodes the cursor for the API's "next".
func (c LabCursor) String() string { return encodeTimeCursor("l1", c.OrderedAt, c.ID) }

// ParseLabCursor reads a cursor made by LabCursor.String.
func ParseLabCursor(s string) (*LabCursor, error) {
	at, id, err := parseTimeCursor("l1", s)
	if err != nil || id == "" {
		return nil, err
	}
	return &LabCursor{OrderedAt: at, ID: id}, nil
}

// LabWorklist lists the site's open lab orders, oldest first, each with why it is there (the
// rule and its source), its specimens, and the reading window or expected date where one applies.
//
// Errors: forbidden, validation (a cursor or limit the list did not give), unavailable (no lab catalog).
func (s *Service) LabWorklist(ctx context.Context, a Actor, cursor string, limit int) (Page[LabWorkItem], error) {
	if err := a.May(PermReadLabWorklist); err != nil {
		return Page[LabWorkItem]{}, err
	}
	if err := s.labReady(); err != nil {
		return Page[LabWorkItem]{}, err
	}
	after, err := ParseLabCursor(cursor)
	if err != nil {
		return Page[LabWorkItem]{}, err
	}
	if limit == 0 {
		limit = 50
	}
	if limit < 1 || limit > 200 {
		return Page[LabWorkItem]{}, (&Problems{{Field: "limit", Code: "out_of_range", Message: "Ask for 1 to 200 orders."}}).Err()
	}
	var page Page[LabWorkItem]
	err = s.store.Tx(ctx, func(tx Tx) error {
		items, err := tx.LabWorklist(ctx, a.SiteID, after, limit+1)
		if err != nil {
			return err
		}
		if len(items) > limit {
			last := items[limit-1].Order
			items, page.Next = items[:limit], LabCursor{OrderedAt: last.OrderedAt, ID: last.ID}.String()
		}
		now := s.clock.Now()
		for i := range items {
			s.lab.annotate(&items[i], now)
		}
		page.Items = items
		return tx.Audit(ctx, s.audit(a, "lab.worklist.read", "station", string(StationLab)))
	})
	return page, err
}

// OverdueLabOrders lists the orders whose specimens are at the lab longer than the test's
// turnaround (cultures: eight weeks) with no result, oldest first.
//
// Errors: forbidden, unavailable (no lab catalog).
func (s *Service) OverdueLabOrders(ctx context.Context, a Actor) ([]LabWorkItem, error) {
	if err := a.May(PermReadLabWorklist); err != nil {
		return nil, err
	}
	if err := s.labReady(); err != nil {
		return nil, err
	}
	var tests []string
	for _, t := range s.lab.Tests {
		if t.TurnaroundDays > 0 {
			tests = append(tests, t.Code)
		}
	}
	var out []LabWorkItem
	err := s.store.Tx(ctx, func(tx Tx) error {
		items, err := tx.LabOrdersInLab(ctx, a.SiteID, tests, 1000)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		for i := range items {
			s.lab.annotate(&items[i], now)
			if items[i].Overdue {
				out = append(out, items[i])
			}
		}
		return tx.Audit(ctx, s.audit(a, "lab.overdue.read", "station", string(StationLab)))
	})
	return out, err
}

// annotate adds the reading window and the expected date of an order.
func (c *LabCatalog) annotate(it *LabWorkItem, now time.Time) {
	t, ok := c.Test(it.Order.Test)
	if !ok {
		return
	}
	var last *Specimen
	for i := range it.Specimens {
		if it.Specimens[i].Status != SpecimenRejected {
			last = &it.Specimens[i]
		}
	}
	if last == nil {
		return
	}
	if t.ReadBeforeHours > 0 {
		from := last.CollectedAt.Add(time.Duration(t.ReadAfterHours) * time.Hour)
		until := last.CollectedAt.Add(time.Duration(t.ReadBeforeHours) * time.Hour)
		it.ReadingFrom, it.ReadingUntil = &from, &until
	}
	if t.TurnaroundDays > 0 && last.ReceivedAt != nil {
		by := last.CollectedAt.AddDate(0, 0, t.TurnaroundDays)
		it.ExpectedBy, it.Overdue = &by, now.After(by)
	}
}

// labReady says whether the lab's catalog is loaded.
func (s *Service) labReady() error {
	if s.lab == nil {
		return Errorf(EUnavailable, "The lab's test catalog is not loaded.")
	}
	return nil
}

// syncLabOrders makes an order for every required step the catalog has a test for and that has
// none yet, cancels the untouched orders of steps the protocol no longer requires, and brings
// every order's status up to date with its specimens and results.
func (s *Service) syncLabOrders(ctx context.Context, tx Tx, a Actor, ch Chart, now time.Time) error {
	if s.lab == nil || ch.Assessment.State.Locked() {
		return nil
	}
	orders, err := tx.LabOrdersOf(ctx, ch.Assessment.ID)
	if err != nil {
		return err
	}
	var specimens []Specimen
	var results []LabResult
	if len(orders) > 0 {
		if specimens, err = tx.SpecimensOf(ctx, ch.Assessment.ID); err != nil {
			return err
		}
		if results, err = tx.LabResultsOf(ctx, ch.Assessment.ID); err != nil {
			return err
		}
	}
	has := map[string]bool{}
	for _, o := range orders {
		if o.Status != OrderCancelled {
			has[o.Step] = true
		}
		status := s.lab.orderStatus(o, ch.Plan, specimens, results)
		if status != o.Status {
			if err := tx.SetLabOrderStatus(ctx, o.ID, status, now); err != nil {
				return err
			}
		}
	}
	for _, r := range ch.Plan.Required {
		t, ok := s.lab.ForStep(r.Step)
		if !ok || has[r.Step] || !contains(ch.Plan.Pending, r.Step) {
			continue
		}
		has[r.Step] = true
		o := LabOrder{ID: NewID(), SiteID: ch.Assessment.SiteID, AssessmentID: ch.Assessment.ID, ApplicantID: ch.Applicant.ID,
			Step: r.Step, Test: t.Code, Specimen: t.Specimen, Rule: r.Rule, Reason: r.Reason, Source: r.Source,
			OrderedBy: a.UserID, OrderedName: a.Name, OrderedAt: now, Status: OrderOpen, UpdatedAt: now}
		if err := tx.AddLabOrder(ctx, o); err != nil {
			return err
		}
		if err := tx.Audit(ctx, s.audit(a, "lab_order.create", "assessment", ch.Assessment.ID)); err != nil {
			return err
		}
	}
	return nil
}

// orderStatus derives an order's status from its specimens and the results on them.
func (c *LabCatalog) orderStatus(o LabOrder, plan Plan, specimens []Specimen, results []LabResult) string {
	if o.Status == OrderCancelled {
		return o.Status
	}
	t, _ := c.Test(o.Test)
	var valid, received, resulted int
	for _, sp := range specimens {
		if sp.Status == SpecimenRejected || !contains(sp.OrderIDs, o.ID) {
			continue
		}
		valid++
		if sp.ReceivedAt != nil {
			received++
		}
		if currentResult(results, sp.ID, o.Test) != nil {
			resulted++
		}
	}
	switch {
	case resulted >= t.Count():
		return OrderResulted
	case valid == 0 && !plan.requires(o.Step):
		return OrderCancelled
	case valid == 0 && !contains(plan.Pending, o.Step):
		return OrderResulted // the result was entered on the chart without a specimen
	case valid < t.Count():
		return OrderOpen
	case received == valid:
		return OrderInLab
	}
	return OrderCollected
}

// currentResult is the result on a specimen for a test that no amendment replaced.
func currentResult(results []LabResult, specimenID, test string) *LabResult {
	for i := len(results) - 1; i >= 0; i-- {
		r := &results[i]
		if r.SpecimenID == specimenID && r.Test == test && !r.Superseded {
			return r
		}
	}
	return nil
}
