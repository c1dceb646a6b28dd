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
	SignerName string
	SiteName   string
	Initials   string
	BirthYear  int
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
}
