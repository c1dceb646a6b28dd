package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/internal/demo"
)

// kigali are records of the Kigali site that the other site's users must not reach: a signed US
// person on a flight (case, applicant, assessment, forms, consents) and an open one (lab
// specimen, X-ray study, referral), and a Kigali account.
type kigali struct {
	signedCase, signedApplicant, signedAssessment string
	openCase, openApplicant, openAssessment       string
	form, consent, flightID, flightNumber         string
	accession, study, referral, user              string
	unavailable                                   string // a vaccine the site cannot get (its entry)
}

const missingID = "00000000-0000-4000-8000-000000000000"

func kigaliRecords(t *testing.T, st *clinictest.Stack) kigali {
	t.Helper()
	var k kigali
	signed := signedAdult(t, st, "RW-XSITE-1")
	k.signedAssessment, k.signedCase = signed.ID, caseIDOf(t, st, "RW-XSITE-1")
	reg, cw, nurse, doc := st.Login(t, "registrar"), st.Login(t, "caseworker"), st.Login(t, "nurse"), st.Login(t, "physician")
	var cs caseOut
	reg.Must(200, "GET", "/api/cases/"+k.signedCase, nil, &cs)
	k.signedApplicant = cs.Members[0].ID
	var items struct {
		Items []struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"items"`
	}
	doc.Must(200, "GET", "/api/assessments/"+k.signedAssessment+"/forms", nil, &items)
	k.form = items.Items[0].ID
	reg.Must(200, "GET", "/api/applicants/"+k.signedApplicant+"/consents", nil, &items)
	k.consent = items.Items[0].ID

	day := time.Now().UTC().AddDate(0, 0, 5).Format(time.DateOnly)
	var fl struct{ ID, Number string }
	cw.Must(201, "POST", "/api/flights", map[string]any{"number": "RWA 101", "date": day, "departure_time": "06:30", "departure_airport": "KGL"}, &fl)
	k.flightID, k.flightNumber = fl.ID, fl.Number
	cw.Must(200, "PUT", "/api/cases/"+k.signedCase+"/flight", map[string]any{"flight_number": fl.Number, "departure_date": day, "version": cs.Version}, nil)

	k.openCase, k.openAssessment = registerOne(t, st, "RW-XSITE-2")
	reg.Must(200, "GET", "/api/cases/"+k.openCase, nil, &cs)
	k.openApplicant = cs.Members[0].ID
	var lab labRecordOut
	nurse.Must(200, "GET", "/api/assessments/"+k.openAssessment+"/lab", nil, &lab)
	var specimens struct {
		Items []struct{ Accession string } `json:"items"`
	}
	nurse.Must(201, "POST", "/api/assessments/"+k.openAssessment+"/specimens", map[string]any{"order_ids": []string{lab.Orders[0].ID}}, &specimens)
	k.accession = specimens.Items[0].Accession
	var studies struct {
		Items []struct{ ID string } `json:"items"`
	}
	nurse.Must(200, "POST", "/api/assessments/"+k.openAssessment+"/imaging", nil, &studies)
	k.study = studies.Items[0].ID
	var ch struct {
		Version   int `json:"version"`
		Referrals []struct{ ID string }
	}
	doc.Must(200, "GET", "/api/assessments/"+k.openAssessment, nil, &ch)
	doc.Must(200, "POST", "/api/assessments/"+k.openAssessment+"/referrals", map[string]any{"version": ch.Version, "specialty": "Cardiology",
		"reason": "Murmur heard at the exam", "urgency": "routine", "due_on": day}, &ch)
	k.referral = ch.Referrals[0].ID
	var entry struct{ ID string }
	nurse.Must(201, "POST", "/api/vaccines/availability", map[string]any{"vaccine": "hepa", "note": "none this quarter"}, &entry)
	k.unavailable = entry.ID
	st.Login(t, "admin").Must(200, "GET", "/api/users", nil, &items)
	for _, u := range items.Items {
		if u.Username == "nurse" {
			k.user = u.ID
		}
	}
	return k
}

// secrets are what no answer to the other site may carry.
func (k kigali) secrets() []string {
	return []string{"RW-XSITE-1", "RW-XSITE-2", k.signedCase, k.signedApplicant, k.signedAssessment, k.openCase, k.openApplicant,
		k.openAssessment, k.form, k.consent, k.flightID, k.accession, k.study, k.referral, k.unavailable}
}

// notSiteRecords are the route parameters that name no record of a site: reference data and
// public pages, the same for every site and country.
var notSiteRecords = map[string]bool{
	"/api/protocols/{country}/{version}": true, "/api/imaging/forms/{country}": true,
	"/fhir/CodeSystem/{name}": true, "/api/verify/{token}": true,
	// A failed task exists only while it fails: its site scoping is in TestFailingTaskRetriedByAdmin
	// (workers), which makes one.
	"/api/admin/jobs/{id}/retry": true,
}

// fill puts the Kigali record each parameter names into a route's path. Reads name the signed
// person (forms, exports), writes the open one (a write that the own site could make). A
// parameter this test does not know fails the test: a new route that names a record gets its
// fixture here before it ships.
func (k kigali) fill(t *testing.T, method, path string) (string, bool) {
	t.Helper()
	read := method == "GET"
	pick := func(signed, open string) string {
		if read {
			return signed
		}
		return open
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		parent := segs[i-1]
		switch {
		case parent == "cases":
			segs[i] = pick(k.signedCase, k.openCase)
		case parent == "applicants":
			segs[i] = pick(k.signedApplicant, k.openApplicant)
		case parent == "assessments":
			segs[i] = pick(k.signedAssessment, k.openAssessment)
		case parent == "consents":
			segs[i] = k.consent
		case parent == "forms" && s == "{id}":
			segs[i] = k.form
		case parent == "flights" && (segs[i-2] == "panel" || strings.HasSuffix(path, ".zip")):
			segs[i] = k.flightNumber // the ZIPs take the flight's number
		case parent == "flights":
			segs[i] = k.flightID // the flight, its board and its MEDIFs take its id
		case parent == "medifs":
			segs[i] = k.form // the person's form, not a MEDIF: still the other site's
		case parent == "specimens":
			segs[i] = k.accession
		case parent == "imaging":
			segs[i] = k.study
		case parent == "referrals":
			segs[i] = k.referral
		case parent == "users":
			segs[i] = k.user
		case parent == "availability":
			segs[i] = k.unavailable
		case parent == "sites":
			segs[i] = "KGL"
		case parent == "lab-results", parent == "vaccinations", parent == "vaccine-decisions", parent == "identity-checks",
			parent == "consent-scans":
			segs[i] = missingID // a child record of another site's assessment: its parent is refused first
		default:
			t.Errorf("%s %s: the parameter %s names a record this test does not make; add it to kigaliRecords and fill", method, path, s)
			return "", false
		}
	}
	return strings.Join(segs, "/"), true
}

// listQueries are the queries a list route needs to look at the Kigali records at all.
func (k kigali) listQueries() map[string]string {
	day := time.Now().UTC().Format(time.DateOnly)
	later := time.Now().UTC().AddDate(0, 0, 30).Format(time.DateOnly)
	return map[string]string{
		"/api/cases": "?q=RW-XSITE", "/api/board": "?q=RW-XSITE", "/api/worklist": "?station=nurse",
		"/api/flights": "?from=" + day + "&to=" + later, "/api/fhir/export.zip": "?flight=" + k.flightNumber,
		"/api/panel/applicants": "?flight=" + k.flightNumber, "/api/panel/forms.zip": "?from=" + day + "&to=" + later,
		"/api/duplicates":            "?surnames=Mukamana&given_names=Claudine&birth_date=1992-05-05",
		"/api/reports/tb-indicators": "?site=KGL", "/api/audit": "?limit=200",
	}
}

// TestRBACOtherSiteAndCountry walks the whole route table (as TestRBACMatrix does, so a new route
// is covered without a new row) and calls every route as each role of another site (Goma) that
// holds the route's permission, and as the panel of another country (CA, for a US person):
//   - a route that names a record (case, person, assessment, form, consent, flight, manifest
//     passengers, flight ZIP, specimen, X-ray, referral, account, site key) names the Kigali one:
//     reads answer 404 or 403 as if it did not exist (a flight number, which any site may use,
//     may answer an empty list or ZIP), and writes never succeed;
//   - a list or search names no Kigali record, whatever it answers.
//
// Then the own site's users, and the US panel, read the same records, so the refusal is the
// site's or the country's, not the route's.
func TestRBACOtherSiteAndCountry(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	k := kigaliRecords(t, st)

	ctx := context.Background()
	other := demo.Site
	other.ID, other.Code, other.Name = "", "GOM", "Goma MHAC"
	if _, err := st.Svc.EnsureSite(ctx, other); err != nil {
		t.Fatal(err)
	}
	foreign := map[clinic.Role]*clinictest.Client{}
	for _, r := range clinic.Roles {
		if r == clinic.RolePanel {
			continue // a panel account acts for a country, not a site: panel.ca below
		}
		u := clinic.NewUser{Username: string(r) + ".gom", Name: "Goma " + string(r), Role: r, SiteCode: "GOM", Password: clinictest.Password}
		if r == clinic.RolePhysician {
			u.RegistrationID = "GOM-PHY-1"
		}
		if _, err := st.Svc.CreateUser(ctx, clinic.Actor{}, u); err != nil {
			t.Fatalf("%s: %v", u.Username, err)
		}
		foreign[r] = st.Login(t, u.Username)
	}
	foreign[clinic.RolePanel] = st.Login(t, "panel.ca")

	queries := k.listQueries()
	records, lists := 0, 0
	for _, row := range matrix(t, st) {
		method, path, _ := strings.Cut(row.route, " ")
		if row.perm == "" || notSiteRecords[path] || row.route == "DELETE /api/session" {
			continue // public, reference data, or one's own session
		}
		named := strings.Contains(path, "{")
		url := path + queries[path]
		if named {
			var ok bool
			if url, ok = k.fill(t, method, path); !ok {
				continue
			}
		}
		for _, r := range clinic.Roles {
			if !row.allow[r] {
				continue // refused by the role already (TestRBACMatrix)
			}
			code, raw := foreign[r].Do(method, url, map[string]any{}, nil)
			who := string(r) + " of another site"
			if r == clinic.RolePanel {
				who = "the panel of another country"
			}
			if leak := k.leak(raw); leak != "" {
				t.Errorf("%s as %s: %d, the answer names Kigali's %s", row.route, who, code, leak)
			}
			switch {
			case !named:
				lists++
			case method == "GET" && (code == 404 || code == 403):
				records++
			case method == "GET" && strings.HasSuffix(path, ".zip") && strings.Contains(path, "{flight}") && code == 200:
				records++ // a flight number: the other site's own flight of that number, empty (leak checked above)
			case method == "GET":
				t.Errorf("%s as %s: %d %.200s, want 404", row.route, who, code, raw)
			case code >= 200 && code < 300:
				t.Errorf("%s as %s succeeded: %d %.200s", row.route, who, code, raw)
			default:
				records++
			}
		}
	}
	t.Logf("%d route × role cells naming a Kigali record refused, %d list cells without Kigali's records", records, lists)
	if records < 150 || lists < 30 {
		t.Fatalf("only %d record and %d list cells checked; the route table was not read", records, lists)
	}

	// The controls: the own site's users and the US panel reach the same records.
	for _, c := range []struct{ user, path, want string }{
		{"nurse", "/api/assessments/" + k.signedAssessment, "RW-XSITE-1"},
		{"registrar", "/api/cases/" + k.signedCase, "RW-XSITE-1"},
		{"registrar", "/api/applicants/" + k.signedApplicant + "/consents", k.consent},
		{"caseworker", "/api/flights/" + k.flightID, k.signedApplicant},
		{"caseworker", "/api/flights/" + k.flightID + "/board", "RW-XSITE-1"},
		{"admin", "/api/flights/" + k.flightID + "/medifs", ""},
		{"physician", "/api/forms/" + k.form + "/pdf", "%PDF"},
		{"panel.us", "/api/forms/" + k.form + "/pdf", "%PDF"},
		{"panel.us", "/api/assessments/" + k.signedAssessment + "/fhir", k.signedAssessment},
		{"lab", "/api/specimens/" + k.accession, k.accession},
		{"radiology", "/api/imaging/" + k.study, k.study},
		{"physician", "/api/referrals", k.referral},
		{"nurse", "/api/vaccines/availability", k.unavailable},
	} {
		code, raw := st.Login(t, c.user).Do("GET", c.path, nil, nil)
		if code != 200 || !bytes.Contains(raw, []byte(c.want)) {
			t.Errorf("%s reading %s on its own site: %d %.200s, want 200 with %q", c.user, c.path, code, raw, c.want)
		}
	}
	for _, user := range []string{"panel.us", "physician"} {
		url := "/api/panel/flights/" + k.flightNumber + "/forms.zip"
		if user == "physician" {
			url = "/api/flights/" + k.flightNumber + "/packages.zip"
		}
		code, raw := st.Login(t, user).Do("GET", url, nil, nil)
		if n := pdfsInZip(t, raw); code != 200 || n == 0 {
			t.Errorf("%s downloading %s: %d with %d PDFs, want the flight's forms", user, url, code, n)
		}
	}
}

// leak names the Kigali record an answer carries: in its text, or in a ZIP's entries.
func (k kigali) leak(raw []byte) string {
	texts := [][]byte{raw}
	if zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw))); err == nil {
		for _, f := range zr.File {
			if strings.HasSuffix(f.Name, ".pdf") {
				return "form " + f.Name
			}
			rc, err := f.Open()
			if err != nil {
				continue
			}
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			texts = append(texts, []byte(f.Name), b.Bytes())
		}
	}
	for _, s := range k.secrets() {
		for _, text := range texts {
			if s != "" && bytes.Contains(text, []byte(s)) {
				return s
			}
		}
	}
	return ""
}

func pdfsInZip(t *testing.T, raw []byte) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return 0
	}
	n := 0
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".pdf") {
			n++
		}
	}
	return n
}
