package cdsi

import (
	"testing"
	"time"
)

// fakeSeries builds a patient series with the fields chapter 8 reads: its type, flags, status,
// valid doses (satisfied target doses), forecast earliest and finish dates.
func fakeSeries(ar *antigenRun, name, typ string, def, product bool, status string, valid int, earliest string) *patientSeries {
	s := &Series{Name: name, Type: typ, Default: def, ProductPath: product, Priority: "A", Preference: 1, Group: "1",
		Doses: []*SeriesDose{{Number: "Dose 1"}, {Number: "Dose 2"}, {Number: "Dose 3"}}}
	ps := &patientSeries{ar: ar, s: s, status: status}
	for i, sd := range s.Doses {
		st := notSatisfied
		if i < valid {
			st = satisfied
		}
		ps.targets = append(ps.targets, target{sd: sd, number: i + 1, status: st, rec: -1})
	}
	ps.evals = make([]evaluation, len(ar.recs))
	for i := range ps.evals {
		ps.evals[i] = evaluation{status: StatusValid, target: -1}
	}
	if earliest != "" {
		ps.fc.earliest = day(earliest)
		ps.fc.finish = day(earliest).AddDate(0, 2, 0)
	}
	return ps
}

func fakeAntigenRun(recs int) *antigenRun {
	ar := &antigenRun{r: &run{p: &Patient{DOB: day("2024-12-01")}, assess: day("2025-02-01")}}
	for i := 0; i < recs; i++ {
		ar.recs = append(ar.recs, record{dose: i, date: day("2025-01-01").AddDate(0, 0, i)})
	}
	return ar
}

// TestPrioritizedSeries: tables 8-3 and 8-5 and the no-valid-doses scoring of table 8-11.
func TestPrioritizedSeries(t *testing.T) {
	ar := fakeAntigenRun(1)
	tests := []struct {
		name   string
		series []*patientSeries
		want   string
	}{
		{"no scorable series: the default series", []*patientSeries{
			fakeSeries(ar, "a", "Standard", false, false, SeriesNotComplete, 0, "2025-02-01"),
			fakeSeries(ar, "b", "Standard", true, false, SeriesNotComplete, 0, "2025-02-01"),
		}, "b"},
		{"one complete series among several", []*patientSeries{
			fakeSeries(ar, "a", "Risk", false, false, SeriesNotComplete, 1, "2025-02-01"),
			fakeSeries(ar, "b", "Risk", false, false, SeriesComplete, 1, ""),
		}, "b"},
		{"one in-process series among several", []*patientSeries{
			fakeSeries(ar, "a", "Risk", false, false, SeriesNotComplete, 0, "2025-02-01"),
			fakeSeries(ar, "b", "Risk", false, false, SeriesNotComplete, 1, "2025-03-01"),
		}, "b"},
		// Rule 5 of table 8-3 asks only for no complete and no in-process series: the default
		// series wins even when another scorable series holds a valid dose (aged out), where
		// the no-valid-doses scores would have preferred the other (not a product path).
		{"no complete, no in-process: the default series", []*patientSeries{
			fakeSeries(ar, "a", "Risk", false, false, SeriesAgedOut, 1, ""),
			fakeSeries(ar, "b", "Risk", true, true, SeriesAgedOut, 0, ""),
		}, "b"},
		// SELECTB-13/14: the start date is the forecast earliest date; the series that can
		// start first scores +1, the other -1; both completable (+1); neither a product path.
		{"no valid doses: the one that starts first", []*patientSeries{
			fakeSeries(ar, "late", "Risk", false, false, SeriesNotComplete, 0, "2025-05-01"),
			fakeSeries(ar, "early", "Risk", false, false, SeriesNotComplete, 0, "2025-03-01"),
		}, "early"},
		// A product series scores -1 with no valid doses; the other +1: equal starts, so the
		// product path decides.
		{"no valid doses: not the product path", []*patientSeries{
			fakeSeries(ar, "product", "Risk", false, true, SeriesNotComplete, 0, "2025-03-01"),
			fakeSeries(ar, "any", "Risk", false, false, SeriesNotComplete, 0, "2025-03-01"),
		}, "any"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := prioritize(tt.series); got == nil || got.s.Name != tt.want {
				t.Errorf("prioritized %v, want %s", got, tt.want)
			}
		})
	}
}

// TestForecastStart: SELECTB-13, only a series with no valid dose and a forecast has a start.
func TestForecastStart(t *testing.T) {
	ar := fakeAntigenRun(1)
	tests := []struct {
		ps   *patientSeries
		want time.Time
		ok   bool
	}{
		{fakeSeries(ar, "a", "Risk", false, false, SeriesNotComplete, 0, "2025-03-01"), day("2025-03-01"), true},
		{fakeSeries(ar, "b", "Risk", false, false, SeriesNotComplete, 1, "2025-03-01"), time.Time{}, false},
		{fakeSeries(ar, "c", "Risk", false, false, SeriesAgedOut, 0, ""), time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.ps.forecastStart()
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: start %v %v, want %v %v", tt.ps.s.Name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestBestSeries: table 8-14. A risk series not complete is best unless a complete series sits
// in one of its equivalent groups; a standard one is not best beside a risk series of an
// equivalent group.
func TestBestSeries(t *testing.T) {
	ar := fakeAntigenRun(1)
	std := fakeSeries(ar, "std", "Standard", true, false, SeriesComplete, 2, "")
	std.s.Group, std.s.EquivalentGroups = "1", []string{"2"}
	risk := fakeSeries(ar, "risk", "Risk", false, false, SeriesNotComplete, 1, "2025-03-01")
	risk.s.Group = "2"
	pr := map[string]*patientSeries{"1": std, "2": risk}
	if !isBest(std, pr) || !isBest(risk, pr) {
		t.Errorf("complete standard and risk without equivalent group: both best")
	}
	risk.s.EquivalentGroups = []string{"1"}
	if isBest(risk, pr) {
		t.Errorf("a risk series equivalent to a complete series is not needed")
	}
	std.status = SeriesNotComplete
	risk.s.EquivalentGroups = nil
	if isBest(std, pr) || !isBest(risk, pr) {
		t.Errorf("standard beside an equivalent risk series: only the risk series is best")
	}
}
