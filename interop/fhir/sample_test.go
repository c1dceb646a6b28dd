package fhir

import (
	"fmt"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleRecord is a US refugee's signed assessment with something in every section: an
// estimated birth date, vitals, numeric and qualitative results, sputum with a culture still
// growing, a chest X-ray with its reader, two classes, doses given here, copied from a card and
// entered in error, a forecast, treatments given, withheld and refused, consents (one by proxy,
// withdrawn), the X-ray's two readings (one confirming a teleradiology report) and two signed forms.
func sampleRecord(n int) clinic.ExportRecord {
	signed := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	issued := signed.Add(2 * time.Second)
	past, rec := day(2026, 11, 16), day(2026, 12, 16)
	id := fmt.Sprintf("0b3e6c1a-0000-4000-8000-%012d", n)
	snap := clinic.FormSnapshot{ID: id, AssessmentID: id,
		Site:         clinic.FormSite{Code: "KGL", Name: "Kigali MHAC", City: "Kigali", Country: "RW", Timezone: "Africa/Kigali"},
		Organisation: "Migration Health Assessment Centre",
		Applicant: clinic.FormApplicant{Surnames: "Uwimana", GivenNames: "Hélène Marie", BirthDate: day(1990, 1, 1), BirthDateEstimated: true,
			Sex: "female", Nationality: "CD", CountryOfBirth: "CD", DocumentType: "unhcr_id", DocumentNumber: "UNHCR-123-45",
			CaseNumber: "RW-2026-0101", FileNumber: "A201234567"},
		Destination: "US", Program: "refugee", ExamDate: day(2026, 11, 16), ProtocolID: "US", ProtocolVersion: "2021-09-03",
		Vitals: clinic.FormVitals{HeightCm: 162, WeightKg: 58.5, BMI: 22.29, Systolic: 118, Diastolic: 76, Pulse: 72, TempC: 36.7, Pregnant: true},
		Labs: []clinic.FormLabResult{
			{Step: "igra", Test: "IGRA blood test for TB infection", Value: "positive", Date: day(2026, 11, 16)},
			{Step: "syphilis", Test: "Syphilis test", Value: "nonreactive", Date: day(2026, 11, 16)},
			{Step: "creatinine", Test: "Creatinine", Value: "70 µmol/L", Unit: "µmol/L", Date: day(2026, 11, 17)},
			{Step: "hba1c", Test: "HbA1c", Value: "", Date: day(2026, 11, 17)}, // not recorded
		},
		CXR: &clinic.FormChestXRay{Result: "suggestive_of_tb", Findings: "Right upper lobe opacity", Reader: "Eric Niyonzima", Date: day(2026, 11, 16)},
		Sputum: []clinic.FormSputum{
			{Number: 1, Smear: "negative", Culture: "pending", NAAT: "not_detected"},
			{Number: 2, Smear: "negative", Culture: "negative"},
		},
		TBClass:   "class_b1_tb_pulmonary",
		Outcomes:  []clinic.FormOutcome{{Code: "class_b1_tb_pulmonary", Text: "CXR suggests TB; smears and cultures negative"}, {Code: "class_b_other", Text: "Pregnancy"}},
		Physician: clinic.FormPhysician{Name: "Dr Aline Uwase", RegistrationID: "RMDC-04127"}, SignedAt: signed,
	}
	return clinic.ExportRecord{AssessmentID: id, ApplicantID: "7d1c3a52-1111-4aaa-8bbb-" + fmt.Sprintf("%012d", n), SnapshotID: id,
		Snapshot: snap, BaseURL: "https://mhac.example.org",
		Forms: []clinic.Form{
			{ID: "f0000000-0000-4000-8000-" + fmt.Sprintf("%012d", n), SnapshotID: id, AssessmentID: id, FormType: "DS-2054", Status: clinic.FormValid,
				VerifyToken: "tok1", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Size: 48211, IssuedAt: &issued},
			{ID: "f1000000-0000-4000-8000-" + fmt.Sprintf("%012d", n), SnapshotID: id, AssessmentID: id, FormType: "DS-3025", Status: clinic.FormValid,
				VerifyToken: "tok2", SHA256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", Size: 51002, IssuedAt: &issued},
		},
		Doses: []clinic.Dose{
			{ID: "d1", AssessmentID: "earlier", Date: day(2017, 9, 30), CVX: "20", Origin: clinic.OriginRecord, SourceDocument: "Rwanda child health card", RecordedAt: signed.Add(-time.Hour)},
			{ID: "d2", AssessmentID: id, Date: day(2026, 11, 16), CVX: "03", MVX: "MSD", Lot: "X12-7", Site: "left_arm", Route: "subcutaneous",
				Origin: clinic.OriginClinic, RecordedName: "Jean-Paul Habimana", RecordedAt: signed.Add(-time.Hour)},
			{ID: "d3", AssessmentID: id, Date: day(2026, 11, 16), CVX: "115", Origin: clinic.OriginClinic, Lot: "L1", Route: "intramuscular", Site: "right_arm",
				RecordedName: "Jean-Paul Habimana", RecordedAt: signed.Add(-time.Hour),
				InError: &clinic.DoseError{Reason: "wrong patient", ByName: "Jean-Paul Habimana", At: signed.Add(-30 * time.Minute)}},
		},
		VaccineNames: map[string]string{"20": "DTaP", "03": "MMR", "115": "Tdap"},
		Treatments: []clinic.TreatmentRecord{
			{ID: "t1", Drug: "albendazole", Rule: "us.treat.albendazole", Status: clinic.TreatGiven, DoseAmount: 400, DoseUnit: "mg", Route: "oral",
				Lot: "ALB-2291", Quantity: 1, At: day(2026, 11, 16).Add(10 * time.Hour), Observed: true, RecordedName: "Jean-Paul Habimana"},
			{ID: "t2", Drug: "ivermectin", Rule: "us.treat.ivermectin", Status: clinic.TreatWithheld, ReasonCode: "pregnancy",
				Reason: "Pregnant, 20 weeks", At: day(2026, 11, 16).Add(10 * time.Hour), RecordedName: "Jean-Paul Habimana"},
			{ID: "t3", Drug: "praziquantel", Rule: "us.treat.praziquantel", Status: clinic.TreatRefused, Reason: "Does not want to take it today",
				At: day(2026, 11, 16).Add(10 * time.Hour), RecordedName: "Jean-Paul Habimana"},
		},
		Consents: []clinic.Consent{
			{ID: "c1", Purpose: clinic.ConsentExamination, Kind: "written", Language: "fr", GivenOn: day(2026, 11, 16), RecordedName: "Grace Ingabire", RecordedAt: signed.Add(-72 * time.Hour)},
			{ID: "c2", Purpose: clinic.ConsentShareAuthority, Country: "US", Kind: "verbal", Witness: "Eric Mugisha", Language: "rw", Interpreter: true,
				InterpreterName: "Alice Uwera", GivenOn: day(2026, 11, 16), RecordedName: "Grace Ingabire", RecordedAt: signed.Add(-72 * time.Hour)},
			{ID: "c3", Purpose: clinic.ConsentShareAgency, Kind: "proxy", ProxyName: "Marie Uwimana", ProxyRelation: "mother", ProxyReason: "Cannot consent (unconscious)",
				Language: "rw", GivenOn: day(2026, 11, 16), RecordedName: "Grace Ingabire", RecordedAt: signed.Add(-72 * time.Hour),
				Withdrawn: &clinic.ConsentWithdrawal{On: day(2026, 11, 18), Reason: "Changed her mind", At: signed.Add(-24 * time.Hour)}},
		},
		XRayReadings: []clinic.ImagingReading{
			{ID: "r1", Seq: 1, Kind: clinic.ReadFirst, Result: "suggestive_of_tb", ReaderName: "Eric Niyonzima", ReportedBy: "Dr Teleradiology Reader", ReportID: "rep1"},
			{ID: "r2", Seq: 2, Kind: clinic.ReadSecond, Result: "suggestive_of_tb", ReaderName: "Claire Mukamana"},
		},
		Forecast: []clinic.VaccineForecast{
			{VaccineGroup: "MMR", SeriesType: "standard", Status: "not_complete", DoseNumber: "2", Earliest: &rec, Recommended: &rec,
				Vaccines: []clinic.Vaccine{{CVX: "03", Name: "MMR"}}},
			{VaccineGroup: "Td/Tdap", Status: "not_complete", DoseNumber: "1", Earliest: &past, PastDue: &past},
			{VaccineGroup: "HPV", Status: "aged_out", Reasons: []string{"Patient is too old"}},
		},
	}
}
