package clinic

import (
	"context"
	"sort"
	"time"
)

// Dashboard is the site head's view of today: who waits at each station and for how long, and
// the flights of the next seven days with the people not yet fit to travel. What the records
// cannot say yet is named in NotRecorded.
type Dashboard struct {
	At          time.Time
	Queues      []StationQueue
	Flights     []FlightReadiness
	NotRecorded []string
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
	d := Dashboard{At: now, Queues: []StationQueue{}, Flights: []FlightReadiness{}, NotRecorded: []string{
		"critical results not acknowledged: results carry no critical flag or acknowledgement yet",
		"cultures overdue: no culture due date is recorded with the culture results yet",
	}}
	err := s.store.Tx(ctx, func(tx Tx) error {
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
			}
			d.Flights = append(d.Flights, fr)
		}
		return tx.Audit(ctx, s.audit(a, "dashboard.read", "site", a.SiteID))
	})
	return d, err
}

// stationQueue counts the people a station has work for now, as its worklist shows them.
func (s *Service) stationQueue(ctx context.Context, tx Tx, siteID string, st Station, now time.Time) (StationQueue, error) {
	f := stationFilters[st]
	f.Limit = 500
	items, err := tx.Worklist(ctx, siteID, f)
	if err != nil {
		return StationQueue{}, err
	}
	var waits []float64
	for _, it := range items {
		ch := Chart{Assessment: it.Assessment, Applicant: it.Applicant, Case: it.Case}
		if err := s.listChart(ctx, tx, &ch); err != nil {
			return StationQueue{}, err
		}
		if len(stationWork(st, ch)) > 0 {
			waits = append(waits, now.Sub(it.Waiting).Minutes())
		}
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
