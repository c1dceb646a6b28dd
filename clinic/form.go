package clinic

import "time"

// FormStatus is where a form stands.
type FormStatus string

// The statuses of a form.
const (
	FormPending    FormStatus = "pending"    // waiting for the worker to draw and sign it
	FormValid      FormStatus = "valid"      // signed and current
	FormSuperseded FormStatus = "superseded" // an addendum reissued it
	FormRevoked    FormStatus = "revoked"
	FormFailed     FormStatus = "failed" // the worker gave up; an admin can retry
)

// StoredSnapshot is a form snapshot as kept: the canonical JSON and its hash.
type StoredSnapshot struct {
	ID           string
	AssessmentID string
	JSON         []byte
	SHA256       string
	Supersedes   string
	CreatedAt    time.Time
}

// Form is one medical form drawn from one snapshot.
type Form struct {
	ID           string
	SnapshotID   string
	AssessmentID string
	ApplicantID  string
	SiteID       string
	Destination  string
	FormType     string // DS-2054, IMM 1017, 501, INZ 1007, PEC, ...
	Status       FormStatus
	VerifyToken  string // random; the QR code's URL carries it, never an applicant id
	SHA256       string // of the signed PDF
	Size         int
	Problem      string // the last rendering error
	Attempts     int
	CreatedAt    time.Time
	IssuedAt     *time.Time
	SupersededBy string
	RevokedAt    *time.Time
	RevokedWhy   string

	// Filled when listing for the verification page and panels.
	SignerName   string
	SiteName     string
	SiteTimezone string // IANA name: the verification page shows times in it
	Initials     string
	BirthYear    int
	// NotDone lists the required steps the form was signed without (verification page).
	NotDone []FormDeferred
}

// PanelFilter narrows a panel's list to its own country.
type PanelFilter struct {
	Country string
	Flight  string
	From    *time.Time // departure date from
	To      *time.Time
	Limit   int       // cases per page
	After   *PanelKey // the page starts after this case; nil: the first page
}

// PanelRow is one applicant bound for the panel's country, with their current forms.
type PanelRow struct {
	CaseID        string
	ApplicantID   string
	Name          string
	BirthDate     time.Time
	Estimated     bool
	Sex           string
	CaseNumber    string
	Program       string
	FlightNumber  string
	DepartureDate *time.Time
	State         State
	Forms         []Form
	// NotDone lists the required steps signed without: the examination is incomplete.
	NotDone []DeferredStep
	// ConsentMissing: the person has no standing consent to share results with the panel's
	// country, so no form is listed.
	ConsentMissing bool
}

// formNeeds are the results a form exists to print: without them the form is not issued (the
// 502 is the chest X-ray report, the 707 the HIV test report). The pdf package's tests hold its
// drawers to this list.
var formNeeds = map[string][]string{
	"502":      {"cxr"},
	"707":      {"hiv"},
	"INZ 1096": {"cxr"},
}

// FormNeeds lists the step codes whose results a form prints and cannot be drawn without.
func FormNeeds(formType string) []string { return formNeeds[formType] }

// formsDrawn are the forms the clinic draws and signs itself (the pdf package's drawers; its
// tests hold the two lists equal). A rule may require another form — one the applicant signs,
// or one completed at departure on the receiving country's own paper (AU 815, IMM 5728,
// INZ 1262) — and sign-off then says it is not issued here rather than order a task that can
// never succeed.
var formsDrawn = map[string]bool{"DS-2054": true, "DS-3025": true, "DS-3026": true, "DS-3030": true,
	"IMM 1017": true, "501": true, "502": true, "707": true, "INZ 1007": true, "INZ 1096": true,
	"PEC": true, FormMEDIF: true}

// FormDrawn reports whether the clinic draws the form type itself.
func FormDrawn(formType string) bool { return formsDrawn[formType] }

// FormsDrawn lists the form types the clinic draws, for the tests that hold it to the drawers.
func FormsDrawn() []string {
	out := make([]string, 0, len(formsDrawn))
	for t := range formsDrawn {
		out = append(out, t)
	}
	return out
}

// FormSubject names what a form is for, in words, for the administrator's list of failed work.
type FormSubject struct {
	FormID       string
	FormType     string
	Person       string
	CaseNumber   string
	AssessmentID string
	SiteID       string // the site whose form it is: a site's administrator sees only its own
	Problem      string // the form's last problem, in plain words
}

// Words is "Form 502 for MUKAMANA Claudine, case RW-1".
func (f FormSubject) Words() string {
	return "Form " + f.FormType + " for " + f.Person + ", case " + f.CaseNumber
}
