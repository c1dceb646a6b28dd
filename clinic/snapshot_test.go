package clinic

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func validSnapshot() FormSnapshot {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	return FormSnapshot{
		ID:          "snap-1",
		Site:        FormSite{Code: "KGL", Name: "MHAC Kigali", City: "Kigali", Country: "RW", Timezone: "Africa/Kigali"},
		Applicant:   FormApplicant{Surnames: "Mukamana", GivenNames: "Hélène", BirthDate: day(1990, 3, 1), BirthDateEstimated: true, Photo: []byte{0xff, 0xd8}},
		Destination: "US",
		Program:     "refugee",
		ExamDate:    day(2026, 11, 23),
		Vitals:      FormVitals{HeightCm: 162.5, WeightKg: 58},
		Physician:   FormPhysician{Name: "Dr Amina Uwase", RegistrationID: "RMDC-1234"},
		SignedAt:    time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC),
		Addendum:    &FormAddendum{Text: "Corrected date of birth.", Supersedes: "snap-0"},
	}
}

func TestFormSnapshotValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*FormSnapshot)
		field string // "" when valid
	}{
		{"valid", func(*FormSnapshot) {}, ""},
		{"given names only", func(s *FormSnapshot) { s.Applicant.Surnames = "" }, ""},
		{"no name", func(s *FormSnapshot) { s.Applicant.Surnames, s.Applicant.GivenNames = "", "" }, "applicant.surnames"},
		{"no birth date", func(s *FormSnapshot) { s.Applicant.BirthDate = time.Time{} }, "applicant.birth_date"},
		{"unknown destination", func(s *FormSnapshot) { s.Destination = "FR" }, "destination"},
		{"no exam date", func(s *FormSnapshot) { s.ExamDate = time.Time{} }, "exam_date"},
		{"no physician", func(s *FormSnapshot) { s.Physician.Name = "" }, "physician.name"},
		{"not signed", func(s *FormSnapshot) { s.SignedAt = time.Time{} }, "signed_at"},
		{"empty destination", func(s *FormSnapshot) { s.Destination = "" }, "destination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSnapshot()
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidSnapshot) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("Validate() = %v, want ErrInvalidSnapshot naming %s", err, tt.field)
			}
			if e := ErrorOf(err); e.Code != EValidation || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("Validate() = %+v, want a validation error on field %s", e, tt.field)
			}
		})
	}
}

func TestFormSnapshotCanonicalRoundTrip(t *testing.T) {
	s := validSnapshot()
	first, err := s.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	var back FormSnapshot
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatal(err)
	}
	second, err := back.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("canonical JSON changed after a round trip:\n%s\n%s", first, second)
	}
	// Field order is declaration order; the hash depends on it.
	if !bytes.HasPrefix(first, []byte(`{"id":"snap-1","assessment_id":"","site":{"code":"KGL"`)) {
		t.Fatalf("unexpected field order: %.80s", first)
	}
}

func TestFormSnapshotSHA256(t *testing.T) {
	a, err := validSnapshot().SHA256()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 64 {
		t.Fatalf("SHA256() = %q, want 64 hex digits", a)
	}
	again, _ := validSnapshot().SHA256()
	if again != a {
		t.Fatalf("SHA256 not stable: %s vs %s", a, again)
	}
	changed := validSnapshot()
	changed.Applicant.GivenNames = "Helene"
	b, _ := changed.SHA256()
	if b == a {
		t.Fatal("SHA256 did not change when the given names changed")
	}
}

func TestFormSnapshotCanonicalRejectsNaN(t *testing.T) {
	s := validSnapshot()
	s.Vitals.TempC = nan()
	if _, err := s.Canonical(); err == nil {
		t.Fatal("Canonical() accepted a NaN temperature")
	}
}

func nan() float64 { zero := 0.0; return zero / zero }

func TestFormSnapshotValidateListsEveryProblem(t *testing.T) {
	err := FormSnapshot{}.Validate()
	e := ErrorOf(err)
	if e.Code != EValidation || len(e.Fields) != 6 {
		t.Fatalf("Validate() of an empty snapshot = %+v, want 6 field problems", e)
	}
}
