package bulkseed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// writer holds the seed's connection and the flights made so far.
type writer struct {
	conn    *pgx.Conn
	flights map[string]uuid.UUID // site|number|date
}

func openWriter(ctx context.Context, url string) (*writer, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	return &writer{conn: conn, flights: map[string]uuid.UUID{}}, nil
}

func (w *writer) close(ctx context.Context) { _ = w.conn.Close(ctx) }

// table is the rows of one table waiting to be copied.
type table struct {
	name string
	cols []string
	rows [][]any
}

func (t *table) add(r row, over map[string]any) {
	if t.cols == nil {
		for _, c := range r.cols {
			if c != "id" || t.name != "results" { // results.id is a sequence
				t.cols = append(t.cols, c)
			}
		}
	}
	vals := make([]any, 0, len(t.cols))
	for i, c := range r.cols {
		if c == "id" && t.name == "results" {
			continue
		}
		v := r.vals[i]
		if o, ok := over[c]; ok {
			v = o
		}
		vals = append(vals, copyValue(v))
	}
	t.rows = append(t.rows, vals)
}

// batch is the rows of some thousands of people, written in one transaction.
type batch struct {
	cases, applicants, assessments, results table
	deps                                    map[string]*table
	flights, passengers                     table
	flightIDs                               map[string]uuid.UUID // shared by the batches of a run
}

func newBatch(flightIDs map[string]uuid.UUID) *batch {
	return &batch{deps: map[string]*table{}, flightIDs: flightIDs, cases: table{name: "cases"}, applicants: table{name: "applicants"}, assessments: table{name: "assessments"},
		results: table{name: "results"},
		flights: table{name: "flights", cols: []string{"id", "site_id", "number", "departure_date", "departure_time",
			"departure_airport", "destination_airport", "created_at"}},
		passengers: table{name: "flight_passengers", cols: []string{"applicant_id", "flight_id", "case_id", "booked_at"}}}
}

func (b *batch) size() int { return len(b.applicants.rows) }

// airlines carry each destination's passengers from the sites (flight numbers for the seed).
var airlines = map[string]string{"US": "ET500", "CA": "KL713", "AU": "QR920", "NZ": "EK448"}

// addFamily adds one case with its members, copied from the archetypes, and returns the
// assessments to sign through the clinic.
func (b *batch) addFamily(r *rand.Rand, a archetypes, s site, f family, number string) ([]signJob, error) {
	caseID := uuid.New()
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		loc = time.UTC
	}
	queued := time.Date(f.examDate.Year(), f.examDate.Month(), f.examDate.Day(), 7+r.IntN(9), r.IntN(60), r.IntN(60), 0, loc).UTC()
	var flightNo string
	var departure *time.Time
	if (f.stage == Signed || f.stage == SignedHere) && r.IntN(100) < 60 {
		d := f.examDate.AddDate(0, 0, 21+r.IntN(30))
		departure, flightNo = &d, airlines[f.destination]
	}
	var jobs []signJob
	for i, mb := range f.members {
		t, st := a.at(f.destination, f.program, mb.kind, f.stage)
		if t == nil {
			return nil, fmt.Errorf("no archetype for %s %s %s", f.destination, f.program, mb.kind)
		}
		if i == 0 {
			b.cases.add(t.kase, map[string]any{"id": caseID, "site_id": s.ID, "case_number": number, "program": f.program,
				"destination": f.destination, "flight_number": flightNo, "departure_date": departure, "version": 1, "created_at": queued,
				"has_valid_form": false}) // set by its forms, when the worker draws them
		}
		applicantID, assessmentID := uuid.New(), uuid.New()
		doc := fmt.Sprintf("%s%09d", f.nationality, r.IntN(1_000_000_000))
		b.applicants.add(t.applicant, map[string]any{"id": applicantID, "case_id": caseID, "site_id": s.ID, "position": i,
			"surnames": f.surname, "given_names": mb.given, "birth_date": mb.birth, "birth_date_estimated": mb.estimated,
			"sex": mb.kind.sex(), "relationship": mb.relationship, "nationality": f.nationality, "country_of_birth": f.nationality,
			"residence_country": "RW", "countries_lived": []string{f.nationality, "RW"}, "document_number": doc,
			"file_number": "", "phone": "", "version": 1, "created_at": queued, "assessment_id": assessmentID})
		shift := func(v any) any {
			if at, ok := v.(time.Time); ok {
				return queued.Add(at.Sub(t.queuedAt))
			}
			return v
		}
		over := map[string]any{"id": assessmentID, "applicant_id": applicantID, "case_id": caseID, "site_id": s.ID,
			"exam_date": f.examDate, "queued_at": queued, "updated_at": shift(t.assessment.get("updated_at"))}
		for _, col := range []string{"history", "vitals", "classification", "signoff", "pec", "mental_health"} {
			if v, ok := t.assessment.get(col).(map[string]any); ok {
				over[col] = retime(v, shift, s.users)
			}
		}
		b.assessments.add(t.assessment, over)
		for _, res := range t.results {
			who := s.users["lab"]
			if res.get("step") == "cxr" {
				who = s.users["radiology"]
			}
			b.results.add(res, map[string]any{"assessment_id": assessmentID, "recorded_by": who.ID, "by_name": who.Name,
				"recorded_at": shift(res.get("recorded_at"))})
		}
		for _, d := range dependents {
			if d.notOld && f.stage == Signed {
				continue
			}
			for _, dep := range t.deps[d.table] {
				b.addDependent(d.table, dep, s.users[d.role], shift, map[string]any{"applicant_id": applicantID,
					"assessment_id": assessmentID, "site_id": s.ID})
			}
		}
		if departure != nil {
			b.book(s, flightNo, *departure, applicantID, caseID, queued)
		}
		if f.stage == SignedHere && st == Classified {
			jobs = append(jobs, signJob{assessmentID: assessmentID.String(), physician: s.users["physician"], at: queued.Add(4 * time.Hour)})
		}
	}
	return jobs, nil
}

// addDependent copies one row of a dependent table: a new id, the copy's person, assessment and
// site, its times moved like the chart's, and its "..._by"/"..._name" columns naming the user.
func (b *batch) addDependent(name string, r row, user Person, shift func(any) any, ids map[string]any) {
	t := b.deps[name]
	if t == nil {
		t = &table{name: name}
		b.deps[name] = t
	}
	over := map[string]any{"id": uuid.New()}
	for i, c := range r.cols {
		switch v := r.vals[i]; {
		case ids[c] != nil:
			over[c] = ids[c]
		case strings.HasSuffix(c, "_by") && v != nil:
			over[c] = user.ID
		case strings.HasSuffix(c, "_name") && strings.Contains(c, "ed_") && v != nil:
			over[c] = user.Name
		default:
			if _, ok := v.(time.Time); ok {
				over[c] = shift(v)
			}
		}
	}
	t.add(r, over)
}

// book puts a person on the site's flight of that number and date, making the flight once.
func (b *batch) book(s site, number string, date time.Time, applicant, kase uuid.UUID, at time.Time) {
	key := s.ID + "|" + number + "|" + date.Format(time.DateOnly)
	id, ok := b.flightIDs[key]
	if !ok {
		id = uuid.New()
		b.flightIDs[key] = id
		b.flights.rows = append(b.flights.rows, []any{id, s.ID, number, date, "22:40", "KGL", "", at})
	}
	b.passengers.rows = append(b.passengers.rows, []any{applicant, id, kase, at})
}

// retime moves a JSON record's times by shift and names the site's user in place of the
// archetype's: "RecordedAt"/"At" are times, "RecordedBy"/"By" user ids, the names follow.
func retime(v map[string]any, shift func(any) any, users map[string]Person) map[string]any {
	out := make(map[string]any, len(v))
	for k, x := range v {
		out[k] = x
	}
	for _, k := range []string{"RecordedAt", "At"} {
		if s, ok := v[k].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				out[k] = shift(t).(time.Time).Format(time.RFC3339Nano)
			}
		}
	}
	// Sign-off and classification are the physician's; history and vitals the nurse's.
	role := "nurse"
	if _, ok := v["Codes"]; ok {
		role = "physician"
	}
	if _, ok := v["RegistrationID"]; ok {
		role = "physician"
		out["RegistrationID"] = users["physician"].RegistrationID
	}
	p := users[role]
	for _, k := range []string{"RecordedBy", "By"} {
		if _, ok := v[k]; ok {
			out[k] = p.ID
		}
	}
	for _, k := range []string{"RecordedName", "ByName"} {
		if _, ok := v[k]; ok {
			out[k] = p.Name
		}
	}
	// The history names the nurse in RecordedBy (a name, not an id).
	if _, ok := v["RecordedName"]; !ok {
		if _, ok := v["RecordedBy"]; ok && role == "nurse" {
			out["RecordedBy"] = p.Name
		}
	}
	return out
}

// copyValue turns a value read back by pgx into one COPY writes again.
func copyValue(v any) any {
	if xs, ok := v.([]any); ok {
		ss := make([]string, 0, len(xs))
		for _, x := range xs {
			s, ok := x.(string)
			if !ok {
				return v
			}
			ss = append(ss, s)
		}
		return ss
	}
	return v
}

func uuidString(v any) string {
	if b, ok := v.([16]byte); ok {
		return uuid.UUID(b).String()
	}
	return fmt.Sprint(v)
}

// flush writes a batch in one transaction. The rows refer to each other (a person to their
// assessment and back), so reference checks are left to the seed, which made every id itself:
// session_replication_role = replica (a superuser setting, as on the project-local cluster).
func (w *writer) flush(ctx context.Context, b *batch, rep *Report) error {
	tx, err := w.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
		return fmt.Errorf("the bulk seed needs a superuser connection (the project-local cluster's mhac is one): %w", err)
	}
	tables := []*table{&b.cases, &b.applicants, &b.assessments, &b.results, &b.flights, &b.passengers}
	for _, d := range dependents {
		if t := b.deps[d.table]; t != nil {
			tables = append(tables, t)
		}
	}
	for _, t := range tables {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("copy %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	rep.Cases += len(b.cases.rows)
	rep.Applicants += len(b.applicants.rows)
	rep.Results += len(b.results.rows)
	rep.Flights += len(b.flights.rows)
	return nil
}

func (w *writer) analyze(ctx context.Context) error {
	_, err := w.conn.Exec(ctx, "ANALYZE")
	return err
}
