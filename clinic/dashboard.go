package clinic

import (
	"context"
	"sort"
	"time"
)

// Dashboard is the site head's view of today: who waits at each station and for how long, what
// is critical now, what is overdue, and the flights of the next seven days with the people not
// yet fit to travel. What the records cannot say yet is named in NotRecorded.
type Dashboard struct {
	At       time.Time
	Queues   []StationQueue
	Critical []Alert // critical results not acknowledged, identity mismatches, forms not made
	Overdue  []Alert // cultures past their expected date, pre-embarkation windows closing
	Flights  []FlightReadiness
	// NotRecorded names what the records cannot say.
	NotRecorded []string
}

// The kinds of alert on the dashboard.
const (
	AlertCriticalResult   = "critical_result"   // a critical lab result nobody acknowledged
	AlertIdentityMismatch = "identity_mismatch" // a station found the person did not match; not resolved
	AlertFormFailed       = "form_failed"       // a form's making failed; an admin can retry
	AlertCultureOverdue   = "culture_overdue"   // a result not in by the test's turnaround (catalog)
	AlertPECWindow        = "pec_window"        // signed, no check yet, the window before the flight is open
)

// Alert is one thing on the dashboard someone must act on, oldest first.
type Alert struct {
	Kind         string
	AssessmentID string
	CaseNumber   string
	Surnames     string
	GivenNames   string
	What         string     // the test, the station, the form type or the flight
	Since        time.Time  // when it arose
	Due          *time.Time // overdue: when it was due; pec_window: when the window closes
}

// DashboardStore lists what needs someone now at a site.
type DashboardStore interface {
	// DashboardCritical lists a site's current critical lab results not acknowledged, identity
	// mismatches not resolved and forms whose making failed, oldest first, at most limit.
	DashboardCritical(ctx context.Context, siteID string, limit int) ([]Alert, error)
}

// StationQueue is one station's worklist now: how many wait, the longest and the median wait.
type StationQueue struct {
	Station       Station
	Waiting       int
	LongestMin    *float64 // nil when nobody waits
	MedianWaitMin *float64
}

// FlightReadiness is one flight of the coming week: its passengers, and those whose assessment
// is not yet "fit to travel" (in the order the flight lists them).
type FlightReadiness struct {
	Flight     Flight
	Passengers int
	NotYetFit  []Passenger
}

// dashboardStations are the queues the dashboard counts, in the clinic's order.
var dashboardStations = []Station{StationNurse, StationLab, StationRadiology, StationPhysician, StationPEC}

// Dashboard answers the site head's dashboard. The read is audited.
//
// Errors: forbidden.
func (s *Service) Dashboard(ctx context.Context, a Actor) (Dashboard, error) {
	if err := a.May(PermReadDashboard); err != nil {
		return Dashboard{}, err
	}
	now := s.clock.Now()
	var d Dashboard
	err := s.readLagging(ctx, func(tx Tx) error {
		d = Dashboard{At: now, Queues: []StationQueue{}, Critical: []Alert{}, Overdue: []Alert{}, Flights: []FlightReadiness{}, NotRecorded: []string{}}
		for _, st := range dashboardStations {
			q, err := s.stationQueue(ctx, tx, a.SiteID, st, now)
			if err != nil {
				return err
			}
			d.Queues = append(d.Queues, q)
		}
		zone, err := siteZone(ctx, tx, a.SiteID)
		if err != nil {
			return err
		}
		local := now.In(zone)
		today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		if d.Critical, err = tx.DashboardCritical(ctx, a.SiteID, dashboardAlertMax); err != nil {
			return err
		}
		if d.Overdue, err = s.overdueResults(ctx, tx, a.SiteID, now); err != nil {
			return err
		}
		flights, err := tx.Flights(ctx, a.SiteID, FlightFilter{From: today, To: today.AddDate(0, 0, 7), Limit: 200})
		if err != nil {
			return err
		}
		for _, f := range flights {
			full, err := tx.FlightByID(ctx, a.SiteID, f.ID)
			if err != nil {
				return err
			}
			fr := FlightReadiness{Flight: full, Passengers: len(full.Passengers), NotYetFit: []Passenger{}}
			for _, p := range full.Passengers {
				if p.State != StateFitToTravel {
					fr.NotYetFit = append(fr.NotYetFit, p)
				}
				if p.State == StateSigned && p.AssessmentID != "" {
					al, err := s.pecWindow(ctx, tx, a.SiteID, full, p, zone, now)
					if err != nil {
						return err
					}
					if al != nil {
						d.Overdue = append(d.Overdue, *al)
					}
				}
			}
			d.Flights = append(d.Flights, fr)
		}
		if s.lab == nil {
			d.NotRecorded = append(d.NotRecorded, "cultures overdue: the lab's test catalog is not loaded")
		}
		return nil
	}, func() AuditEntry { return s.audit(a, "dashboard.read", "site", a.SiteID) })
	return d, err
}

// dashboardAlertMax bounds each list of alerts.
const dashboardAlertMax = 200

// overdueResults lists the lab orders whose result is past the turnaround the lab's catalog
// gives their test (cultures: 56 days from the last specimen), oldest due first.
func (s *Service) overdueResults(ctx context.Context, tx Tx, siteID string, now time.Time) ([]Alert, error) {
	out := []Alert{}
	if s.lab == nil {
		return out, nil
	}
	var tests []string
	for _, t := range s.lab.Tests {
		if t.TurnaroundDays > 0 {
			tests = append(tests, t.Code)
		}
	}
	if len(tests) == 0 {
		return out, nil
	}
	items, err := tx.LabOrdersInLab(ctx, siteID, tests, 1000)
	if err != nil {
		return nil, err
	}
	for i := range items {
		it := &items[i]
		s.lab.annotate(it, now)
		if !it.Overdue || len(out) >= dashboardAlertMax {
			continue
		}
		name := it.Order.Test
		if t, ok := s.lab.Test(it.Order.Test); ok {
			name = t.Name
		}
		out = append(out, Alert{Kind: AlertCultureOverdue, AssessmentID: it.Order.AssessmentID, Surnames: it.Applicant.Surnames,
			GivenNames: it.Applicant.GivenNames, What: name, Since: it.Order.OrderedAt, Due: it.ExpectedBy})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(*out[j].Due) })
	return out, nil
}

// pecWindow is an alert when a signed passenger has no pre-embarkation check yet and the
// protocol's window before the flight (e.g. 72 hours for the US) is open: it closes at the
// start of the flight's day, in the site's time zone. nil otherwise.
func (s *Service) pecWindow(ctx context.Context, tx Tx, siteID string, f Flight, p Passenger, zone *time.Location, now time.Time) (*Alert, error) {
	ch, err := s.loadChart(ctx, tx, siteID, p.AssessmentID, false)
	if err != nil {
		return nil, err
	}
	closes := time.Date(f.Date.Year(), f.Date.Month(), f.Date.Day(), 0, 0, 0, 0, zone)
	for _, c := range ch.Plan.Departure {
		if c.MaxHours <= 0 || !contains(departureChecks, c.Check) {
			continue
		}
		opens := closes.Add(-time.Duration(c.MaxHours) * time.Hour)
		if now.Before(opens) || !now.Before(closes) {
			return nil, nil
		}
		return &Alert{Kind: AlertPECWindow, AssessmentID: p.AssessmentID, CaseNumber: p.CaseNumber, Surnames: p.Surnames,
			GivenNames: p.GivenNames, What: f.Number + " " + f.Date.Format(time.DateOnly), Since: opens, Due: &closes}, nil
	}
	return nil, nil
}

// stationQueue counts the people a station has work for now, as its worklist shows them.
func (s *Service) stationQueue(ctx context.Context, tx Tx, siteID string, st Station, now time.Time) (StationQueue, error) {
	f := stationFilters[st]
	f.Limit = worklistBatch
	var waits []float64
	for {
		items, err := tx.Worklist(ctx, siteID, f)
		if err != nil {
			return StationQueue{}, err
		}
		page, err := s.loadListPage(ctx, tx, itemCharts(items))
		if err != nil {
			return StationQueue{}, err
		}
		for _, it := range items {
			ch := Chart{Assessment: it.Assessment, Applicant: it.Applicant, Case: it.Case}
			if err := s.listChart(ctx, tx, &ch, page); err != nil {
				return StationQueue{}, err
			}
			if len(stationWork(st, ch)) > 0 {
				waits = append(waits, now.Sub(it.Waiting).Minutes())
			}
		}
		if len(items) < f.Limit {
			break
		}
		f.After = ptr(workCursorOf(items[len(items)-1]))
	}
	q := StationQueue{Station: st, Waiting: len(waits)}
	if len(waits) > 0 {
		sort.Float64s(waits)
		longest, median := waits[len(waits)-1], waits[len(waits)/2]
		if len(waits)%2 == 0 {
			median = (waits[len(waits)/2-1] + waits[len(waits)/2]) / 2
		}
		q.LongestMin, q.MedianWaitMin = &longest, &median
	}
	return q, nil
}
