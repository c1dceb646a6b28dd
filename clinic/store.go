package clinic

import (
	"context"
	"time"
)

// Store keeps the clinic's records. clinic/postgres implements it. Every change and every read
// of clinical data runs in one transaction together with its audit row.
type Store interface {
	// Tx runs fn in one transaction: it commits when fn returns nil and rolls back otherwise.
	Tx(ctx context.Context, fn func(Tx) error) error
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
}

// Tx is the store inside one transaction.
type Tx interface {
	SiteStore
	UserStore
	SessionStore
	CaseStore
	AssessmentStore
	FormStore
	OutboxStore
	VaccinationStore
	VaccineDecisionStore
	VaccineAvailabilityStore
	VaccineStockStore
	VaccinationCheckStore
	FlightStore
	ManifestStore
	ExportStore
	// Purge deletes sessions ended before b.Sessions (idle expiry passed, or created more than
	// lifetime before it), login attempts and idempotency keys older than their times.
	Purge(ctx context.Context, b PurgeBefore, lifetime time.Duration) (Purged, error)
	TreatmentStore
	DOTStore
	ReferralStore
	MedicineStore
	CaseImportStore
	PhotoStore
	IdentityStore
	DuplicateStore
	ConsentStore
	CounsellingStore
	LabStore
	ReportStore
	ImagingStore
	// Audit appends one audit row.
	Audit(ctx context.Context, e AuditEntry) error
	// LastAudit is the time of the user's latest audit row of an action on a record; nil when none.
	LastAudit(ctx context.Context, userID, action, recordID string) (*time.Time, error)
	// SearchAudit lists audit rows matching the filter, newest first.
	SearchAudit(ctx context.Context, f AuditFilter) ([]AuditRow, error)
	// Idempotent returns what is kept under an idempotency key, and whether there is anything.
	Idempotent(ctx context.Context, userID, key string) (kept []byte, found bool, err error)
	// ClaimIdempotency writes a key in the transaction of the change it protects. When another
	// transaction holds the key, it waits for that one to end; if that one committed, it returns
	// ErrKeyTaken.
	ClaimIdempotency(ctx context.Context, userID, key string, kept []byte) error
	// RememberIdempotent keeps the answer under a key: it replaces the claim's content, or writes
	// the key when no change claimed it.
	RememberIdempotent(ctx context.Context, userID, key string, kept []byte) error
}

// SiteStore holds sites.
type SiteStore interface {
	CreateSite(ctx context.Context, s *Site) error
	SiteByCode(ctx context.Context, code string) (Site, error)
	Sites(ctx context.Context) ([]Site, error)
}

// UserStore holds users.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error
	UserByUsername(ctx context.Context, username string) (User, error)
	UserByID(ctx context.Context, id string) (User, error)
	// Users lists the accounts, of one site when siteID is not empty (then without panel
	// accounts, which belong to a country rather than a site).
	Users(ctx context.Context, siteID string) ([]User, error)
	// SetUserDisabled disables or enables an account.
	SetUserDisabled(ctx context.Context, id string, disabled bool) error
	// SetPassword stores a new password hash.
	SetPassword(ctx context.Context, id, hash string, at time.Time) error
	// EndSessions ends every session of a user except the one whose hash is keep.
	EndSessions(ctx context.Context, userID, keep string) error
	SecondFactorStore
}

// SecondFactorStore holds TOTP enrolments, recovery codes and the roles that need a second factor.
type SecondFactorStore interface {
	// SetSecondFactor writes a user's enrolment as it is.
	SetSecondFactor(ctx context.Context, userID string, f SecondFactor) error
	// AdvanceSecondFactorStep records step as the last accepted one if it is later than the
	// stored one; false when it is not (the code was used already).
	AdvanceSecondFactorStep(ctx context.Context, userID string, step int64) (bool, error)
	// ReplaceRecoveryCodes replaces the user's recovery codes with these hashes.
	ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error
	// UseRecoveryCode marks an unused code as used; false when there is no such unused code.
	UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) (bool, error)
	// RecoveryCodesLeft counts the user's unused recovery codes.
	RecoveryCodesLeft(ctx context.Context, userID string) (int, error)
	SecondFactorRoles(ctx context.Context) ([]Role, error)
	SetSecondFactorRoles(ctx context.Context, roles []Role, by string, at time.Time) error
}

// SessionStore holds login sessions and the record of login attempts.
type SessionStore interface {
	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash string) (Session, error)
	TouchSession(ctx context.Context, hash string, expires time.Time) error
	DeleteSession(ctx context.Context, hash string) error
	// ClaimLogin records an attempt at time at as failed, atomically with counting the failures
	// since since of the username from ip and of ip (this attempt included): parallel attempts
	// from one address are counted one after the other.
	ClaimLogin(ctx context.Context, username, ip string, at, since time.Time) (LoginClaim, error)
	// LoginSucceeded marks a claimed attempt as a success.
	LoginSucceeded(ctx context.Context, id int64) error
}

// CaseStore holds cases and applicants.
type CaseStore interface {
	CreateCase(ctx context.Context, c *Case) error
	// CaseByID loads a case with its members and their current assessment states.
	CaseByID(ctx context.Context, siteID, id string) (Case, error)
	SearchCases(ctx context.Context, siteID string, f CaseFilter) ([]Case, error)
	// SyncCaseFlight sets the case's flight columns to its members' earliest flight (none when
	// no member is booked) if the case is still at expectedVersion, and bumps the version.
	SyncCaseFlight(ctx context.Context, c *Case, expectedVersion int) error
	SetCurrentAssessment(ctx context.Context, applicantID, assessmentID string) error
	// ApplicantByID loads one person with their current assessment's state.
	ApplicantByID(ctx context.Context, siteID, id string) (Applicant, error)
	// UpdateApplicant writes a person's details if still at expectedVersion, and bumps it.
	UpdateApplicant(ctx context.Context, a *Applicant, expectedVersion int) error
}

// CaseFilter narrows a case search.
type CaseFilter struct {
	Query       string // case number or part of a name
	Flight      string
	Destination string
	Limit       int
	// ByDocument lets Query match a member's document number too; only for readers who may see
	// document numbers (DiscloseFull), or a search would tell a caseworker whose number it is.
	ByDocument bool
	// Cursor is the API's opaque "next" of the previous page; After is what it decodes to, for
	// the store: only cases listed after it (older, or as old with a smaller id).
	Cursor string
	After  *CaseCursor
}

// AssessmentStore holds assessments.
type AssessmentStore interface {
	CreateAssessment(ctx context.Context, a *Assessment) error
	// AssessmentByID loads an assessment with its results and addenda; forUpdate locks the row.
	AssessmentByID(ctx context.Context, siteID, id string, forUpdate bool) (Assessment, error)
	// SaveAssessment writes the assessment's own fields if its stored version is expectedVersion,
	// and bumps the version; otherwise it returns a conflict and changes nothing.
	SaveAssessment(ctx context.Context, a *Assessment, expectedVersion int) error
	AddResult(ctx context.Context, assessmentID string, r Result) error
	AddAddendum(ctx context.Context, assessmentID string, ad Addendum) error
	// Worklist returns the open assessments of a site that match the filter, oldest first.
	Worklist(ctx context.Context, siteID string, f WorkFilter) ([]WorkItem, error)
}

// FormStore holds form snapshots, forms and their PDF files.
type FormStore interface {
	CreateSnapshot(ctx context.Context, s StoredSnapshot) error
	SnapshotByID(ctx context.Context, id string) (StoredSnapshot, error)
	// CreateForm adds a form unless one exists for its (snapshot, type); it reports whether it did.
	CreateForm(ctx context.Context, f *Form) (bool, error)
	FormByID(ctx context.Context, id string) (Form, error)
	FormByToken(ctx context.Context, token string) (Form, error)
	FormsOf(ctx context.Context, assessmentID string) ([]Form, error)
	// FinishForm stores the PDF and marks the form valid, unless it is already done; it reports
	// whether this call did it.
	FinishForm(ctx context.Context, formID string, file []byte, sha256 string, at time.Time) (bool, error)
	FailForm(ctx context.Context, formID, problem string) error
	// StalePendingForms lists forms ordered before a time and still not drawn.
	StalePendingForms(ctx context.Context, before time.Time, limit int) ([]string, error)
	// RevokeForm marks an issued form revoked, with who and why.
	RevokeForm(ctx context.Context, formID, by, reason string, at time.Time) error
	// SupersedeForms marks every valid form of the assessment of the given types superseded.
	SupersedeForms(ctx context.Context, assessmentID string, types []string, by string) error
	FormFile(ctx context.Context, formID string) ([]byte, error)
	// PanelForms lists one page of the applicants bound for f.Country with issued forms, in
	// PanelKey order; more reports whether cases follow the page.
	PanelForms(ctx context.Context, f PanelFilter) (rows []PanelRow, more bool, err error)
}

// VaccinationStore holds the applicants' vaccine doses.
type VaccinationStore interface {
	AddDose(ctx context.Context, d Dose) error
	// DosesOf returns every dose of the applicant, in error or not, by date then entry time.
	DosesOf(ctx context.Context, applicantID string) ([]Dose, error)
	// DosesOfMany is DosesOf for a page of people, by person.
	DosesOfMany(ctx context.Context, applicantIDs []string) (map[string][]Dose, error)
	// MarkDoseInError marks a dose that is not marked yet; otherwise it returns not found.
	MarkDoseInError(ctx context.Context, doseID string, e DoseError) error
}

// OutboxStore is the queue of background work written in the same transaction as its cause.
type OutboxStore interface {
	AddOutbox(ctx context.Context, m OutboxMessage) error
	// ClaimOutbox locks up to limit undelivered messages for this transaction (skipping rows other
	// dispatchers hold).
	ClaimOutbox(ctx context.Context, limit int) ([]OutboxMessage, error)
	MarkDispatched(ctx context.Context, id string, at time.Time) error
	// Backlog counts the undelivered messages and the forms not drawn yet, with the oldest of each.
	Backlog(ctx context.Context) (Backlog, error)
}

// AuditEntry is one audit row: who did what to which record, when, in which request.
type AuditEntry struct {
	At        time.Time
	UserID    string
	Username  string
	Role      Role
	SiteID    string
	Action    string // e.g. assessment.read, assessment.vitals, form.download
	Record    string // record kind: case, applicant, assessment, form
	RecordID  string
	RequestID string
	IP        string
	Detail    string // a short note without clinical data
}
