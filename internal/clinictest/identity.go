package clinictest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"testing"

	"github.com/mhac-clinic/mhac/clinic"
)

// PassIdentity records, as the nurse, that the person matches the photo and the document at
// each of the stations (every station when none is named), as the stations do before recording
// their step. Tests that record steps call it in their setup.
func (st *Stack) PassIdentity(t testing.TB, assessmentID string, stations ...clinic.IdentityStation) {
	t.Helper()
	if len(stations) == 0 {
		stations = clinic.IdentityStations
	}
	for _, s := range stations {
		if _, err := st.Svc.CheckIdentity(context.Background(), st.Actors["nurse"], assessmentID, s, clinic.IdentityMatch, ""); err != nil {
			t.Fatalf("identity check at %s: %v", s, err)
		}
	}
}

// PassIdentity records through the API, as the client's user, that the person matches the photo
// and the document at each of the stations (every station when none is named).
func PassIdentity(t testing.TB, c *Client, assessmentID string, stations ...clinic.IdentityStation) {
	t.Helper()
	if len(stations) == 0 {
		stations = clinic.IdentityStations
	}
	for _, s := range stations {
		c.Must(200, "POST", "/api/assessments/"+assessmentID+"/identity-checks",
			map[string]string{"station": string(s), "outcome": clinic.IdentityMatch}, nil)
	}
}

// PassportJPEG draws a w×h JPEG (a face-coloured field with a gradient, so it compresses like a
// photo), for the registrar's photo in tests.
func PassportJPEG(t testing.TB, w, h, quality int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(150 + x%100), uint8(100 + y%120), uint8((x * y) % 256), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TakePhoto stores a 300×385 passport photo of the person as the registrar does at registration
// (the US forms are not issued without one).
func (st *Stack) TakePhoto(t testing.TB, applicantID string) {
	t.Helper()
	if _, err := st.Svc.SavePhoto(context.Background(), st.Actors["registrar"], applicantID, PassportJPEG(t, 300, 385, 85)); err != nil {
		t.Fatalf("photo: %v", err)
	}
}

// Duplicate is one possible duplicate as GET /api/duplicates lists it.
type Duplicate struct {
	ID         string `json:"id"`
	CaseNumber string `json:"case_number"`
	Match      string `json:"match"`
	HasPhoto   bool   `json:"has_photo"`
}

// Duplicates asks, as the registrar does before saving, who may already be registered.
func Duplicates(t testing.TB, reg *Client, surnames, given, born, doc string) []Duplicate {
	t.Helper()
	q := url.Values{"surnames": {surnames}, "given_names": {given}, "birth_date": {born}, "document_number": {doc}}
	var out struct {
		Items []Duplicate `json:"items"`
	}
	reg.Must(200, "GET", "/api/duplicates?"+q.Encode(), nil, &out)
	return out.Items
}

// RegisterGoingOn registers a case as the registrar does when test data repeats a name: when the
// clinic says a member may already be registered, the registrar goes on with the reason that this
// is another person of the same name.
func RegisterGoingOn(ctx context.Context, svc *clinic.Service, reg clinic.Actor, n clinic.NewCase) (clinic.Case, error) {
	c, err := svc.RegisterCase(ctx, reg, n)
	if !clinic.IsCode(err, clinic.EPossibleDuplicate) {
		return c, err
	}
	n.Duplicates = map[int]clinic.DuplicateChoice{}
	for _, f := range clinic.ErrorOf(err).Fields {
		var i int
		if _, serr := fmt.Sscanf(f.Field, "members[%d].duplicate", &i); serr != nil {
			return c, err
		}
		n.Duplicates[i] = clinic.DuplicateChoice{Decision: clinic.DuplicateDifferentPerson, Reason: "Another person of the same name (test data)"}
	}
	return svc.RegisterCase(ctx, reg, n)
}
