package pdf

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/skip2/go-qrcode"
)

// The yardstick for BenchmarkRender: the same form content as an HTML page printed to PDF by
// headless Chromium, the usual alternative to drawing PDFs in Go.

var formHTML = template.Must(template.New("form").Funcs(template.FuncMap{
	"date": dayMonthYear.date, "yesno": yesNo, "outcome": outcomeLabel, "code": codeText,
}).Parse(`<!doctype html><html><head><meta charset="utf-8"><title>{{.Form}}</title>
<style>
@page { size: A4; margin: 12mm }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt }
h1 { font-size: 12pt } h2 { font-size: 9.5pt; background: #e1e4e8; padding: 1mm }
table { border-collapse: collapse; width: 100% } td, th { border: 0.2mm solid #999; padding: 1mm; text-align: left }
.qr { float: right; width: 22mm } .photo { float: right; width: 30mm; height: 38mm; border: 0.2mm solid #999 }
footer { font-size: 6.5pt; color: #555 }
</style></head><body>
<img class="qr" src="{{.QR}}" alt="QR">
<b>{{.S.Organisation}}</b><br>{{.S.Site.Name}} · {{.S.Site.City}}, {{.S.Site.Country}}
<h1>{{.Form}} — {{.Title}}</h1>
{{with .S.Applicant}}<h2>Applicant</h2>{{if $.Photo}}<img class="photo" src="{{$.Photo}}" alt="photo">{{end}}
<table><tr><th>Surname(s)</th><td>{{.Surnames}}</td><th>Given name(s)</th><td>{{.GivenNames}}</td></tr>
<tr><th>Date of birth</th><td>{{date .BirthDate}}{{if .BirthDateEstimated}} (estimated){{end}}</td><th>Sex</th><td>{{.Sex}}</td></tr>
<tr><th>Document</th><td>{{.DocumentType}} {{.DocumentNumber}}</td><th>Case / file</th><td>{{.CaseNumber}} {{.FileNumber}}</td></tr></table>{{end}}
<h2>Medical history</h2><table><tr><th>Question</th><th>Answer</th><th>Details</th></tr>
{{range .S.History}}<tr><td>{{.Question}}</td><td>{{yesno .Yes}}</td><td>{{.Details}}</td></tr>{{end}}</table>
{{with .S.Vitals}}<h2>Physical examination</h2><table><tr><th>Height</th><td>{{.HeightCm}} cm</td><th>Weight</th><td>{{.WeightKg}} kg</td>
<th>BP</th><td>{{.Systolic}}/{{.Diastolic}}</td><th>Pulse</th><td>{{.Pulse}}</td></tr></table>{{end}}
<table>{{range .S.Exam}}<tr><td>{{.System}}</td><td>{{if .Normal}}Normal{{else}}Abnormal{{end}}</td><td>{{.Notes}}</td></tr>{{end}}</table>
<h2>Laboratory</h2><table>{{range .S.Labs}}<tr><td>{{.Test}}</td><td>{{.LOINC}}</td><td>{{.Value}} {{.Unit}}</td><td>{{.Reference}}</td><td>{{date .Date}}</td></tr>{{end}}</table>
{{with .S.CXR}}<h2>Chest X-ray</h2><p>{{code .Result}}: {{.Findings}} — {{.Reader}}, {{date .Date}}</p>{{end}}
{{if .S.Sputum}}<h2>Sputum</h2><table>{{range .S.Sputum}}<tr><td>{{.Number}}</td><td>{{date .Collected}}</td><td>{{.Smear}}</td><td>{{.Culture}}</td></tr>{{end}}</table>{{end}}
{{if .S.Vaccinations}}<h2>Vaccines</h2><table>{{range .S.Vaccinations}}<tr><td>{{.Vaccine}}</td><td>{{range .Doses}}{{date .Date}} (CVX {{.CVX}}) {{end}}</td><td>{{code .Status}}</td><td>{{code .Reason}}</td></tr>{{end}}</table>{{end}}
{{with .S.PEC}}<h2>Pre-embarkation check</h2><p>Flight {{.FlightNumber}}, {{date .DepartureDate}}; {{.TempC}} °C; fit to travel: {{yesno .FitToTravel}}. {{.Remarks}}</p>
<table>{{range .Symptoms}}<tr><td>{{.Label}}</td><td>{{yesno .Present}}</td><td>{{.Details}}</td></tr>{{end}}</table>{{end}}
<h2>Outcome</h2>{{range .S.Outcomes}}<p>{{outcome .Code}}: {{.Text}}</p>{{end}}
<h2>Physician</h2><table><tr><th>Name</th><td>{{.S.Physician.Name}}</td><th>Registration</th><td>{{.S.Physician.RegistrationID}}</td></tr></table>
<footer>Signed by {{.S.Physician.Name}} · form snapshot {{.S.ID}} · verify: {{.URL}}</footer>
</body></html>`))

// formPage is the HTML of one form of the snapshot, with the photo and QR code inline.
func formPage(s clinic.FormSnapshot, form, url string) ([]byte, error) {
	png, err := qrcode.Encode(url, qrcode.Medium, 256)
	if err != nil {
		return nil, err
	}
	var photo template.URL
	if len(s.Applicant.Photo) > 0 {
		photo = template.URL("data:" + s.Applicant.PhotoType + ";base64," + base64.StdEncoding.EncodeToString(s.Applicant.Photo))
	}
	var buf bytes.Buffer
	err = formHTML.Execute(&buf, map[string]any{
		"S": s, "Form": form, "Title": registry[form].title, "URL": url, "Photo": photo,
		"QR": template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
	})
	return buf.Bytes(), err
}

// BenchmarkChromiumPrint prints each form's HTML page to PDF with headless Chromium, one
// browser process per document as a worker without a browser pool would do.
func BenchmarkChromiumPrint(b *testing.B) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		b.Fatalf("chromium not found (apt-get install -y chromium): %v", err)
	}
	for _, form := range FormTypes() {
		s := mustSample(b, form)
		b.Run(fileSafe(form), func(b *testing.B) {
			page, err := formPage(s, form, testURL)
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			in, out := filepath.Join(dir, "form.html"), filepath.Join(dir, "out.pdf")
			if err := os.WriteFile(in, page, 0o600); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				profile, err := os.MkdirTemp(dir, "profile") // a fresh profile each time, like mktemp -d
				if err != nil {
					b.Fatal(err)
				}
				cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir="+profile, "--no-pdf-header-footer",
					"--print-to-pdf="+out, "file://"+in)
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("chromium: %v\n%s", err, msg)
				}
			}
			b.StopTimer()
			if st, err := os.Stat(out); err != nil || st.Size() == 0 {
				b.Fatalf("chromium wrote no PDF: %v", err)
			}
		})
	}
}

// TestFormPageHTML checks the benchmark's HTML page carries the same person and form.
func TestFormPageHTML(t *testing.T) {
	page, err := formPage(mustSample(t, "DS-2054"), "DS-2054", testURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Hélène", "Mukamana", "(estimated)", "Report of Medical Examination by Panel Physician", "data:image/png;base64,"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("HTML page lacks %q", want)
		}
	}
}
