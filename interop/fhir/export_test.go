package fhir_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/interop/fhir"
)

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// TestDemoAssessmentsExport: the demo clinic's signed assessments of all four destinations
// export as FHIR R4 documents that the FHIR library parses with validation on, whose references
// resolve inside the Bundle, and that round-trip through the library unchanged.
func TestDemoAssessmentsExport(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 14, Worker: true})
	people := clinictest.SignDemo(t, st)
	v, err := fhir.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	var cs struct{ URL string }
	code := st.NewClient(t).Must(200, "GET", "/fhir/CodeSystem/outcome-us", nil, &cs)
	if _, err := v.Parse(code); err != nil {
		t.Fatalf("the published CodeSystem: %v", err)
	}
	doc := st.Login(t, "physician")
	for _, p := range people {
		raw := doc.Must(200, "GET", "/api/assessments/"+p.AssessmentID+"/fhir", nil, nil)
		if err := v.Bundle(raw); err != nil {
			t.Errorf("%s (%s): %v", p.CaseNumber, p.Dest, err)
		}
		if err := v.RoundTrip(raw); err != nil {
			t.Errorf("%s (%s): %v", p.CaseNumber, p.Dest, err)
		}
		checkContent(t, p, raw, st.URL)
	}
	if !strings.HasPrefix(cs.URL, st.URL) {
		t.Errorf("the CodeSystem's canonical URL %s is not served here (%s)", cs.URL, st.URL)
	}
}

// checkContent reads what the document says about one person against what was recorded.
func checkContent(t *testing.T, p clinictest.Signed, raw []byte, base string) {
	t.Helper()
	var b struct {
		Entry []struct {
			Resource map[string]any `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var text strings.Builder
	for _, e := range b.Entry {
		count[e.Resource["resourceType"].(string)]++
		js, _ := json.Marshal(e.Resource)
		text.Write(js)
		text.WriteByte('\n')
	}
	all := text.String()
	for _, want := range []string{p.CaseNumber, p.Person.DocumentNumber, p.Person.FileNumber,
		base + "/fhir/CodeSystem/outcome-" + strings.ToLower(p.Dest)} {
		if !strings.Contains(all, `"`+want) {
			t.Errorf("%s: the document never says %q", p.CaseNumber, want)
		}
	}
	if count["DocumentReference"] != len(p.Forms) || count["Provenance"] != 1 || count["Condition"] == 0 || count["Patient"] != 1 {
		t.Errorf("%s: resources %v for %d forms", p.CaseNumber, count, len(p.Forms))
	}
	for _, f := range p.Forms {
		if !strings.Contains(all, fhir.HashURI(f.SHA256)) || !strings.Contains(all, "/api/forms/"+f.ID+"/pdf") {
			t.Errorf("%s: form %s has no DocumentReference with its hash and URL", p.CaseNumber, f.FormType)
		}
	}
	if p.Person.BirthDateEstimated != strings.Contains(all, "date-accuracy-indicator") {
		t.Errorf("%s: estimated birth date %v, but the flag says otherwise", p.CaseNumber, p.Person.BirthDateEstimated)
	}
	if p.Dest == "US" {
		if count["Immunization"] != 3 || !strings.Contains(all, `"status":"entered-in-error"`) || !strings.Contains(all, `"lotNumber":"Y012345"`) ||
			!strings.Contains(all, `"value":"MSD"`) || count["ImmunizationRecommendation"] != 1 {
			t.Errorf("US vaccination: %v", count)
		}
	}
	// One administration per treatment recorded (refused: not-done), none from a recommendation.
	if count["MedicationAdministration"] != p.Refused || strings.Count(all, `"status":"not-done"`) != p.Refused {
		t.Errorf("%s: %d MedicationAdministration for %d refused treatments", p.CaseNumber, count["MedicationAdministration"], p.Refused)
	}
	// The consents the demo records (examination, HIV testing, sharing with the authority and the
	// agency, statistics), the sharing one naming the country's authority as recipient.
	if count["Consent"] < 3 || !strings.Contains(all, `"code":"IRCP"`) || !strings.Contains(all, "/fhir/CodeSystem/consent-purpose") {
		t.Errorf("%s: %d Consent resources", p.CaseNumber, count["Consent"])
	}
}

// TestExportScope: a panel reads only its own country's documents; another country's panel gets
// 404 and a role without form access 403, both as problems; the reads are audited.
func TestExportScope(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 14, Worker: true})
	people := clinictest.SignDemo(t, st)
	us, ca := people[0], people[1]
	panelUS := st.Login(t, "panel.us")
	panelUS.Header.Set("X-Request-ID", "fhir-scope-1")
	panelUS.Must(200, "GET", "/api/assessments/"+us.AssessmentID+"/fhir", nil, nil)
	for _, c := range []struct {
		user, path, code string
		status           int
	}{
		{"panel.us", "/api/assessments/" + ca.AssessmentID + "/fhir", "not_found", 404},
		{"panel.ca", "/api/assessments/" + us.AssessmentID + "/fhir", "not_found", 404},
		{"panel.ca", "/api/assessments/" + us.AssessmentID + "/package.zip", "not_found", 404},
		{"caseworker", "/api/assessments/" + us.AssessmentID + "/fhir", "forbidden", 403},
		{"lab", "/api/fhir/export.zip?flight=" + clinictest.DemoFlight, "forbidden", 403},
		{"panel.nz", "/api/flights/NOFLIGHT/packages.zip", "not_found", 404},
		{"physician", "/api/assessments/not-an-id/fhir", "not_found", 404},
		{"physician", "/api/assessments/" + us.AssessmentID + "/fhir?x=1", "", 200},
		{"panel.us", "/api/fhir/export.zip", "validation", 422},
		{"panel.us", "/api/fhir/export.zip?from=2026-13-01&to=2026-12-01", "validation", 422},
	} {
		code, raw := st.Login(t, c.user).Do("GET", c.path, nil, nil)
		if c.status == 200 {
			if code != 200 {
				t.Errorf("%s GET %s: %d %s", c.user, c.path, code, raw)
			}
			continue
		}
		if code != c.status || clinictest.ProblemOf(t, raw).Code != c.code {
			t.Errorf("%s GET %s: %d %s, want %d %s", c.user, c.path, code, raw, c.status, c.code)
		}
	}
	var n int
	err := st.Store.DB().WithContext(context.Background()).Raw(`SELECT count(*) FROM audit_log WHERE action = 'assessment.fhir'
		AND record_id = ? AND username = 'panel.us' AND request_id = 'fhir-scope-1'`, us.AssessmentID).Scan(&n).Error
	if err != nil || n != 1 {
		t.Fatalf("audit rows of the panel's FHIR download: %d, %v", n, err)
	}
	if code, raw := st.NewClient(t).Do("GET", "/fhir/CodeSystem/no-such", nil, nil); code != 404 || clinictest.ProblemOf(t, raw).Code != "not_found" {
		t.Errorf("unknown code system: %d %s", code, raw)
	}
}

// TestBulkAndPackages: a panel's flight export holds its own country's people only, in valid
// NDJSON with a manifest; staff export by sign-off dates; submission packages hold the signed
// PDFs byte for byte with a manifest whose hashes match, and are audited as form downloads.
func TestBulkAndPackages(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 14, Worker: true})
	people := clinictest.SignDemo(t, st)
	v, err := fhir.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	bulkOf := func(user, query string) map[string]int {
		files := unzip(t, st.Login(t, user).Must(200, "GET", "/api/fhir/export.zip?"+query, nil, nil))
		var m fhir.Manifest
		if err := json.Unmarshal(files[fhir.ManifestName], &m); err != nil {
			t.Fatalf("manifest: %v", err)
		}
		nd := map[string][]byte{}
		for _, o := range m.Output {
			nd[o.Type] = files[o.URL]
		}
		counts, err := v.Bulk(nd)
		if err != nil {
			t.Fatalf("%s %s: %v", user, query, err)
		}
		for _, o := range m.Output {
			if counts[o.Type] != o.Count {
				t.Errorf("manifest: %d %s, file: %d", o.Count, o.Type, counts[o.Type])
			}
		}
		return counts
	}
	for _, panel := range []string{"panel.us", "panel.ca", "panel.au", "panel.nz"} {
		if c := bulkOf(panel, "flight="+strings.ToLower(clinictest.DemoFlight)); c["Patient"] != 1 || c["Composition"] != 1 {
			t.Errorf("%s's flight export: %v, want its one person", panel, c)
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	if c := bulkOf("physician", "from="+today+"&to="+today); c["Patient"] != len(people) {
		t.Errorf("the site's export of today: %v, want %d people", c, len(people))
	}

	us := people[0]
	panel := st.Login(t, "panel.us")
	pkg := unzip(t, panel.Must(200, "GET", "/api/assessments/"+us.AssessmentID+"/package.zip", nil, nil))
	var m struct {
		Files []struct {
			File     string    `json:"file"`
			FormType string    `json:"form_type"`
			SHA256   string    `json:"sha256"`
			Signer   string    `json:"signer"`
			SignedAt time.Time `json:"signed_at"`
		} `json:"files"`
	}
	if err := json.Unmarshal(pkg["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(pkg["manifest.csv"])).ReadAll()
	if err != nil || len(rows) != len(m.Files)+1 || strings.Join(rows[0], ",") != "file,form_type,sha256,signer,signed_at" {
		t.Fatalf("manifest.csv: %v %v", rows, err)
	}
	pdfs := 0
	for _, f := range m.Files {
		sum := sha256.Sum256(pkg[f.File])
		if hex.EncodeToString(sum[:]) != f.SHA256 || f.Signer == "" || f.SignedAt.IsZero() {
			t.Errorf("package file %s: manifest %+v does not match", f.File, f)
		}
		if strings.HasSuffix(f.File, ".pdf") {
			pdfs++
			if pdf := panel.Must(200, "GET", "/api/forms/"+formID(t, us, f.FormType)+"/pdf", nil, nil); !bytes.Equal(pdf, pkg[f.File]) {
				t.Errorf("%s in the package is not the signed form", f.File)
			}
		}
	}
	if pdfs != len(us.Forms) || pkg["fhir-document.json"] == nil || pkg["chest-xray-report.json"] == nil {
		t.Errorf("package holds %d PDFs of %d, files %v", pdfs, len(us.Forms), keys(pkg))
	}
	if err := v.Bundle(pkg["fhir-document.json"]); err != nil {
		t.Error(err)
	}
	flight := unzip(t, st.Login(t, "physician").Must(200, "GET", "/api/flights/"+clinictest.DemoFlight+"/packages.zip", nil, nil))
	dirs := map[string]bool{}
	for name := range flight {
		if i := strings.Index(name, "/"); i > 0 {
			dirs[name[:i]] = true
		}
	}
	if len(dirs) != len(people) || flight["manifest.csv"] == nil || flight["manifest.json"] == nil {
		t.Errorf("the flight package holds %d people (%v), want %d", len(dirs), keys(flight), len(people))
	}
	var n int
	err = st.Store.DB().WithContext(context.Background()).Raw(`SELECT count(*) FROM audit_log WHERE action = 'form.download'
		AND username = 'panel.us' AND record_id IN ?`, formIDs(us)).Scan(&n).Error
	if err != nil || n < 2*len(us.Forms) { // the package, then each PDF compared above
		t.Fatalf("form downloads audited: %d, %v", n, err)
	}
}

func formID(t *testing.T, p clinictest.Signed, typ string) string {
	for _, f := range p.Forms {
		if f.FormType == typ {
			return f.ID
		}
	}
	t.Fatalf("no %s form", typ)
	return ""
}

func formIDs(p clinictest.Signed) []string {
	var ids []string
	for _, f := range p.Forms {
		ids = append(ids, f.ID)
	}
	return ids
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// BenchmarkExportFromDatabase is one signed assessment's share of a bulk export on the real
// stack: loading it in a transaction (snapshot, forms, doses, protocol and CDSi evaluation,
// audit row), mapping it to FHIR and appending it to the NDJSON files.
func BenchmarkExportFromDatabase(b *testing.B) {
	st := clinictest.New(b, clinictest.Options{RedisDB: 13, Worker: true})
	people := clinictest.SignDemo(b, st)
	ctx, doc := context.Background(), st.Actors["physician"]
	bulk := fhir.NewBulk()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec, err := st.Svc.ExportAssessment(ctx, doc, people[i%len(people)].AssessmentID, "assessment.fhir_bulk", false)
		if err != nil {
			b.Fatal(err)
		}
		d, err := fhir.Map(rec)
		if err != nil {
			b.Fatal(err)
		}
		if err := bulk.Add(d); err != nil {
			b.Fatal(err)
		}
	}
}
