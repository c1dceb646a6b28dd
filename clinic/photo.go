package clinic

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/jpeg"
	"time"
)

// Photo is one photo of a person, taken by the registrar; the current one is printed on the forms.
type Photo struct {
	ID          string
	ApplicantID string
	SiteID      string
	SHA256      string
	Width       int
	Height      int
	Size        int
	TakenBy     string
	TakenAt     time.Time
	ReplacedAt  *time.Time // set when a retake replaced it; the photo is kept
	JPEG        []byte     // empty in a history listing
}

// Photo bounds: a passport-style frame (35 × 45 mm, width/height 0.78) cropped in the browser.
const (
	MaxPhotoBytes  = 512 << 10
	minPhotoWidth  = 240
	maxPhotoWidth  = 2000
	minPhotoAspect = 0.70
	maxPhotoAspect = 0.85
)

// PhotoStore holds the photos.
type PhotoStore interface {
	// AddPhoto marks the person's current photo replaced (at p.TakenAt) and adds p as current.
	AddPhoto(ctx context.Context, p Photo) error
	// CurrentPhoto returns the person's current photo with its bytes, or not found.
	CurrentPhoto(ctx context.Context, applicantID string) (Photo, error)
	// PhotosOf lists every photo of the person, newest first, without the bytes.
	PhotosOf(ctx context.Context, applicantID string) ([]Photo, error)
}

// CheckPhoto says what is wrong with an uploaded photo: the type is told by its first bytes
// (a JPEG starts FF D8 FF), never by the name or the declared type.
func CheckPhoto(data []byte) (width, height int, err error) {
	var p Problems
	switch {
	case len(data) == 0:
		p.Add("file", "required", "Take or choose a photo.")
	case len(data) > MaxPhotoBytes:
		p.Add("file", "too_large", "The photo is larger than 512 KiB; crop it to the passport frame and save it again.")
	case !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		p.Add("file", "not_jpeg", "The photo must be a JPEG image.")
	}
	if err := p.Err(); err != nil {
		return 0, 0, err
	}
	cfg, derr := jpeg.DecodeConfig(bytes.NewReader(data))
	if derr != nil {
		p.Add("file", "not_jpeg", "The file starts like a JPEG image but cannot be read as one.")
		return 0, 0, p.Err()
	}
	aspect := float64(cfg.Width) / float64(cfg.Height)
	if cfg.Width < minPhotoWidth || cfg.Width > maxPhotoWidth || aspect < minPhotoAspect || aspect > maxPhotoAspect {
		p.Add("file", "not_passport_frame", "Crop the photo to the passport frame (35 × 45, at least 240 pixels wide).")
		return 0, 0, p.Err()
	}
	return cfg.Width, cfg.Height, nil
}

// SavePhoto stores a new photo of a person; an earlier photo stays in the history.
// Errors: forbidden, validation (field file: required, too_large, not_jpeg, not_passport_frame),
// not_found (no such person at the actor's site).
func (s *Service) SavePhoto(ctx context.Context, a Actor, applicantID string, data []byte) (Photo, error) {
	if err := a.May(PermTakePhoto); err != nil {
		return Photo{}, err
	}
	w, h, err := CheckPhoto(data)
	if err != nil {
		return Photo{}, err
	}
	sum := sha256.Sum256(data)
	p := Photo{ID: NewID(), ApplicantID: applicantID, SiteID: a.SiteID, SHA256: hex.EncodeToString(sum[:]), Width: w, Height: h,
		Size: len(data), TakenBy: a.UserID, TakenAt: s.clock.Now(), JPEG: data}
	err = s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		if err := tx.AddPhoto(ctx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "applicant.photo", "applicant", applicantID))
	})
	return p, err
}

// CurrentPhoto returns the person's current photo, for the screens' headers.
// Errors: forbidden, not_found (no such person, or no photo yet).
func (s *Service) CurrentPhoto(ctx context.Context, a Actor, applicantID string) (Photo, error) {
	if err := a.May(PermReadPhoto); err != nil {
		return Photo{}, err
	}
	var p Photo
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		var err error
		if p, err = tx.CurrentPhoto(ctx, applicantID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "applicant.photo_read", "applicant", applicantID))
	})
	return p, err
}

// PhotoHistory lists every photo taken of the person, newest first.
// Errors: forbidden, not_found (no such person at the actor's site).
func (s *Service) PhotoHistory(ctx context.Context, a Actor, applicantID string) ([]Photo, error) {
	if err := a.May(PermReadPhoto); err != nil {
		return nil, err
	}
	var out []Photo
	err := s.store.Tx(ctx, func(tx Tx) error {
		if _, err := tx.ApplicantByID(ctx, a.SiteID, applicantID); err != nil {
			return err
		}
		var err error
		if out, err = tx.PhotosOf(ctx, applicantID); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "applicant.photo_history", "applicant", applicantID))
	})
	return out, err
}

// attachPhoto puts the person's current photo into a form snapshot; without one the forms show
// "No photo on file".
func attachPhoto(ctx context.Context, tx Tx, applicantID string, snap *FormSnapshot) error {
	p, err := tx.CurrentPhoto(ctx, applicantID)
	if IsCode(err, ENotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	snap.Applicant.Photo, snap.Applicant.PhotoType = p.JPEG, "image/jpeg"
	return nil
}

// hasPhoto reports whether the person has a current photo.
func hasPhoto(ctx context.Context, tx Tx, applicantID string) (bool, error) {
	_, err := tx.CurrentPhoto(ctx, applicantID)
	if IsCode(err, ENotFound) {
		return false, nil
	}
	return err == nil, err
}
