package clinic

import (
	"context"
	"crypto/rand"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Service is the clinic's workflow: every use case of the API and the workers is one method.
// It holds no state of its own; everything lives in the Store.
//
// Each method's comment ends with the error codes (ErrorCode) it returns: forbidden (the role
// lacks the method's Permission), not_found, validation (with per-field problems), conflict (a
// stale version; for a change sent with an Idempotency-Key, also another request with the key),
// locked (a signed record), invalid_state (the workflow does not allow the step now), and so on.
// Any method may also return internal (a bug or an infrastructure failure).
type Service struct {
	store         Store
	replica       Store // nil: every read uses store
	assessor      Assessor
	hasher        Hasher
	clock         Clock
	renderer      FormRenderer
	verifier      FormVerifier
	immunizer     Immunizer
	sheets        ConsentSheetRenderer
	lab           *LabCatalog
	totp          TOTP
	siteKeys      SiteKeys
	sessionSecret []byte
	publicURL     string
	// Sessions end after sessionIdle without a request, and sessionLifetime after login.
	sessionIdle, sessionLifetime time.Duration
	identityValidFor             time.Duration
	hashSlots                    chan struct{} // password hashes running at once
	dummyOnce                    sync.Once
	dummy                        string
}

// Deps are the adapters the Service runs on; cmd/mhac plugs in the real ones.
type Deps struct {
	Store Store
	// Replica is a read-only copy of Store that may lag behind it (a streaming replica); the
	// reads that may lag go there (replica.go). nil: every read uses Store.
	Replica       Store
	Assessor      Assessor
	Hasher        Hasher
	Clock         Clock                // SystemClock when nil
	Renderer      FormRenderer         // needed by the worker only
	Verifier      FormVerifier         // checks uploaded PDFs on the verification page
	Immunizer     Immunizer            // vaccination records and DS-3025; nil: the chart has no vaccination section
	ConsentSheets ConsentSheetRenderer // draws the consent sheet; nil: the server cannot print it
	Lab           *LabCatalog          // the lab's test catalog; nil: no lab orders are made
	SessionSecret []byte               // keys the HMAC of session tokens; at least 32 bytes
	PublicURL     string               // the base of the verification links in QR codes
	// SessionIdle and SessionLifetime end sessions (DefaultSessionIdle, DefaultSessionLifetime
	// when zero); the idle timeout may not exceed the lifetime.
	SessionIdle, SessionLifetime time.Duration
	// HashSlots is how many password hashes run at once (two per CPU when zero).
	HashSlots int
	// IdentityValidFor is how long a station's identity check counts for that station; zero: until
	// the end of the clinic-local day it was made on.
	IdentityValidFor time.Duration
	// TOTP makes and checks second-factor codes; nil: no one can enrol.
	TOTP TOTP
	// SiteKeys makes and rotates the sites' signing keys; nil: one configured key signs every
	// form, and sites are created without keys of their own.
	SiteKeys SiteKeys
}

// FormRenderer draws and signs one form from its snapshot.
type FormRenderer interface {
	Render(ctx context.Context, snap FormSnapshot, formType, verifyURL string) ([]byte, error)
}

// FormVerifier checks the digital signature of a PDF. It stops when ctx ends and bounds its own
// work, since the PDF comes from anyone on the public verification page.
type FormVerifier interface {
	VerifyPDF(ctx context.Context, pdf []byte) (SignatureCheck, error)
}

// SignatureCheck is what a signature check found.
type SignatureCheck struct {
	Valid         bool
	WholeDocument bool
	Signer        string
	SignedAt      time.Time
	Problem       string
}

// NewService checks the dependencies and returns the service.
func NewService(d Deps) (*Service, error) {
	if d.Store == nil || d.Assessor == nil || d.Hasher == nil {
		return nil, fmt.Errorf("clinic: store, assessor and hasher are required")
	}
	if len(d.SessionSecret) < 32 {
		return nil, fmt.Errorf("clinic: the session secret must be at least 32 bytes")
	}
	if d.Clock == nil {
		d.Clock = SystemClock{}
	}
	if d.SessionIdle == 0 {
		d.SessionIdle = DefaultSessionIdle
	}
	if d.SessionLifetime == 0 {
		d.SessionLifetime = DefaultSessionLifetime
	}
	if d.SessionIdle < time.Minute || d.SessionIdle > d.SessionLifetime {
		return nil, fmt.Errorf("clinic: the session idle timeout (%s) must be at least a minute and at most the lifetime (%s)", d.SessionIdle, d.SessionLifetime)
	}
	if d.HashSlots <= 0 {
		d.HashSlots = 2 * runtime.NumCPU()
	}
	return &Service{store: d.Store, replica: d.Replica, assessor: d.Assessor, hasher: d.Hasher, clock: d.Clock,
		renderer: d.Renderer, verifier: d.Verifier, immunizer: d.Immunizer, sheets: d.ConsentSheets, lab: d.Lab, totp: d.TOTP, siteKeys: d.SiteKeys, sessionSecret: d.SessionSecret, publicURL: d.PublicURL,
		sessionIdle: d.SessionIdle, sessionLifetime: d.SessionLifetime, hashSlots: make(chan struct{}, d.HashSlots), identityValidFor: d.IdentityValidFor}, nil
}

// Ping checks the database.
//
// Errors: unavailable or internal when the database does not answer.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// audit builds the audit row of an actor's action on a record.
func (s *Service) audit(a Actor, action, record, id string) AuditEntry {
	return AuditEntry{At: s.clock.Now(), UserID: a.UserID, Username: a.Username, Role: a.Role,
		SiteID: a.SiteID, Action: action, Record: record, RecordID: id, RequestID: a.RequestID, IP: a.IP}
}

// NewID returns a random UUID (version 4).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("clinic: crypto/rand failed: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
