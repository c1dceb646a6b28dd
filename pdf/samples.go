package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Sample is a made-up signed assessment for looking at the forms and for tests. The people are
// invented; their names exercise the Latin letters real applicants' names carry.
type Sample struct {
	Name     string // short slug, used in file names
	Snapshot clinic.FormSnapshot
}

// Samples returns the built-in sample snapshots: a US refugee adult with Class B1 TB (estimated
// birth date, pre-embarkation check), a US immigrant child with vaccinations, one applicant
// each for Canada, Australia and New Zealand, and a US refugee who flies with a wheelchair and
// oxygen (the MEDIF). Each call builds fresh values.
func Samples() []Sample {
	return []Sample{
		{"us-refugee-b1", usRefugeeAdult()},
		{"us-immigrant-child", usImmigrantChild()},
		{"ca-immigrant", caImmigrant()},
		{"au-refugee", auRefugee()},
		{"nz-resident", nzResident()},
		{"us-refugee-assisted", usRefugeeAssisted()},
	}
}

// SampleFor returns the first sample whose protocol lists the form, so every form type has one.
func SampleFor(form string) (Sample, bool) {
	for _, s := range Samples() {
		for _, f := range s.Snapshot.Forms {
			if f == form {
				return s, true
			}
		}
	}
	return Sample{}, false
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptrDay(y int, m time.Month, d int) *time.Time { t := day(y, m, d); return &t }

var kigali = clinic.FormSite{Code: "KGL", Name: "MHAC Kigali", City: "Kigali", Country: "RW", Timezone: "Africa/Kigali"}

// base fills what every sample shares: the site, the organisation and the routine history.
func base(id string, a clinic.FormApplicant, dest, program string, exam time.Time) clinic.FormSnapshot {
	return clinic.FormSnapshot{
		ID: id, AssessmentID: "asm-" + id,
		Site: kigali, Organisation: "Migration Health Assessment Centre, Kigali",
		Applicant: a, Destination: dest, Program: program, ExamDate: exam,
		History: []clinic.FormHistoryAnswer{
			{Code: "tb_symptoms", Question: "Cough for more than 3 weeks, fever, night sweats, weight loss or coughing blood"},
			{Code: "tb_history", Question: "Ever had tuberculosis or treatment for it"},
			{Code: "tb_contact", Question: "Lived with someone who had tuberculosis"},
			{Code: "hiv", Question: "Known HIV infection"},
			{Code: "chronic", Question: "Hypertension, diabetes, heart, kidney disease, cancer or seizures"},
			{Code: "hospital", Question: "Admitted to hospital or had an operation"},
			{Code: "mental_illness", Question: "Psychiatric illness or admission"},
			{Code: "mental_harm", Question: "Suicide attempt, violence or other harmful behaviour"},
			{Code: "substance_alcohol", Question: "Alcohol use", Details: "Never"},
			{Code: "substance_other", Question: "Cannabis, opioids, sedatives, stimulants or other drugs", Details: "Never"},
		},
		Exam: []clinic.FormExamFinding{
			{System: "General appearance", Normal: true}, {System: "Eyes", Normal: true},
			{System: "Ears, nose, throat, mouth", Normal: true}, {System: "Neck and lymph nodes", Normal: true},
			{System: "Heart", Normal: true}, {System: "Lungs", Normal: true}, {System: "Abdomen", Normal: true},
			{System: "Extremities, musculoskeletal", Normal: true}, {System: "Skin", Normal: true},
			{System: "Neurological", Normal: true}, {System: "Mental status", Normal: true},
		},
	}
}

func usRefugeeAdult() clinic.FormSnapshot {
	s := base("snap-us-1", clinic.FormApplicant{
		Surnames: "Mukamana", GivenNames: "Hélène", BirthDate: day(1988, 1, 1), BirthDateEstimated: true,
		Sex: "female", Nationality: "CD", CountryOfBirth: "CD", DocumentType: "unhcr_id",
		DocumentNumber: "RWA-17-004512", CaseNumber: "RW-2026-0412", FileNumber: "A-204-118-337",
		Photo: samplePhoto(false), PhotoType: "image/jpeg",
	}, "US", "refugee", day(2026, 11, 16))
	s.ProtocolID, s.ProtocolVersion = "US", "2024-10-01"
	s.Forms = []string{"DS-2054", "DS-3026", "DS-3030", "PEC"}
	s.History[0].Yes, s.History[0].Details = true, "Cough for 5 weeks in 2025, resolved without treatment."
	s.History[2].Yes, s.History[2].Details = true, "Husband treated for TB in 2024."
	s.Vitals = clinic.FormVitals{HeightCm: 158, WeightKg: 52.4, BMI: 21.0, Systolic: 118, Diastolic: 76, Pulse: 78, TempC: 36.7, VisionLeft: "6/6", VisionRight: "6/9"}
	s.Exam[5] = clinic.FormExamFinding{System: "Lungs", Normal: false, Notes: "Fine crackles, right upper zone."}
	s.Labs = []clinic.FormLabResult{
		{Step: "syphilis", Test: "Treponema pallidum Ab (RPR screen)", LOINC: "20507-0", Value: "Nonreactive", Date: day(2026, 11, 16)},
		{Step: "gonorrhea", Test: "N. gonorrhoeae rRNA (NAAT), urine", LOINC: "60256-5", Value: "Not detected", Date: day(2026, 11, 16)},
		{Step: "hiv", Test: "HIV 1+2 Ab + HIV1 p24 Ag", LOINC: "56888-1", Value: "Negative", Date: day(2026, 11, 16)},
	}
	s.CXR = &clinic.FormChestXRay{Result: "inactive_tb", Findings: "Fibrotic scarring and volume loss, right upper lobe; no cavity.", Reader: "Dr Théogène Nsengiyumva", Date: day(2026, 11, 16)}
	for i := 1; i <= 3; i++ {
		s.Sputum = append(s.Sputum, clinic.FormSputum{Number: i, Collected: day(2026, 11, 16+i), Type: "spontaneous",
			Smear: "negative", Culture: "negative", CultureFinal: day(2027, 1, 11+i), NAAT: map[bool]string{true: "not_detected"}[i == 1]})
	}
	s.TBClass = "class_b1_tb_pulmonary"
	s.Outcomes = []clinic.FormOutcome{
		{Code: "class_b1_tb_pulmonary", Text: "Chest X-ray suggests inactive TB; three smears and cultures negative."},
		{Code: "class_b3_tb_contact", Text: "Household contact of a known TB case (husband, 2024)."},
	}
	s.MentalHealth = &clinic.FormMentalHealth{Instrument: "Refugee Health Screener-15 (RHS-15)", Language: "fr",
		Interpreter: true, Score: 14, Thermometer: 6, Positive: true,
		CutOff:     "Positive when the sum of items 1–14 is 12 or more, or the distress thermometer is 5 or more.",
		Assessment: "Low mood and poor sleep since displacement; no psychotic features.", Referral: "Psychosocial support, IOM Kigali"}
	s.Treatments = []clinic.FormTreatment{
		{Drug: "albendazole", Given: true, Dose: "400 mg", Date: day(2027, 1, 20), Status: clinic.TreatGiven,
			Recommended: true, Route: "oral", Lot: "ALB-2291", At: day(2027, 1, 20).Add(9 * time.Hour), Observed: true,
			RecordedBy: "Nurse Uwase"},
		{Drug: "praziquantel", Status: "not_recorded", Recommended: true},
		{Drug: "ivermectin", Status: clinic.TreatWithheld, Reason: "lived in a Loa loa-endemic country", Date: day(2027, 1, 20),
			At: day(2027, 1, 20).Add(9 * time.Hour), RecordedBy: "Nurse Uwase"},
	}
	s.Required = []clinic.FormStep{
		{Step: "cxr", Reason: "Chest X-ray: 15 years or older."},
		{Step: "sputum_cultures", Reason: "Chest X-ray suggests TB: three sputum smears and cultures."},
		{Step: "syphilis", Reason: "Syphilis serology: 18 to 44 years."},
	}
	s.Physician = clinic.FormPhysician{Name: "Dr Jean-Paul Habimana", RegistrationID: "IOM-PP-0178"}
	s.SignedAt = time.Date(2027, 1, 18, 9, 30, 0, 0, time.UTC)
	s.PEC = &clinic.FormPEC{
		CheckedAt: time.Date(2027, 1, 20, 7, 15, 0, 0, time.UTC), FlightNumber: "KL 536", DepartureDate: day(2027, 1, 21),
		TempC: 36.6, FitToTravel: true, Examiner: "Nurse Solange Uwera",
		Symptoms:    pecSymptoms(),
		TravelNeeds: []string{"Class B1 TB follow-up at destination health department"},
		Remarks:     "Pre-departure screening for B1 done within 3 weeks of travel. Presumptive treatment given.",
	}
	return s
}

func usImmigrantChild() clinic.FormSnapshot {
	s := base("snap-us-2", clinic.FormApplicant{
		Surnames: "Uwimana", GivenNames: "Ngabo", BirthDate: day(2020, 5, 14), Sex: "male",
		Nationality: "RW", CountryOfBirth: "RW", DocumentType: "passport", DocumentNumber: "PC0912345",
		CaseNumber: "KGL2026780001", FileNumber: "", Photo: samplePhoto(true), PhotoType: "image/png",
	}, "US", "immigrant", day(2026, 11, 20))
	s.ProtocolID, s.ProtocolVersion = "US", "2024-10-01"
	s.Forms = []string{"DS-2054", "DS-3025", "DS-3026", "DS-3030"}
	s.Vitals = clinic.FormVitals{HeightCm: 114, WeightKg: 19.8, BMI: 15.2, Pulse: 96, TempC: 36.5}
	s.Vitals.Growth = clinic.GrowthOf(clinic.Applicant{Sex: "male", BirthDate: day(2020, 5, 14)}, day(2026, 11, 20),
		clinic.Vitals{HeightCm: 114, WeightKg: 19.8})
	s.Labs = []clinic.FormLabResult{{Step: "igra", Test: "QuantiFERON-TB Gold Plus", LOINC: "71774-4", Value: "Negative", Date: day(2026, 11, 20)}}
	rec := func(y int, m time.Month, d int, cvx string) clinic.FormDose {
		return clinic.FormDose{Date: day(y, m, d), CVX: cvx, Source: "record"}
	}
	s.Vaccinations = []clinic.FormVaccination{
		{Vaccine: "DTaP", Status: "complete", Doses: []clinic.FormDose{rec(2020, 6, 25, "20"), rec(2020, 7, 23, "20"), rec(2020, 8, 20, "20"), rec(2021, 8, 12, "20"), rec(2024, 6, 3, "20")}},
		{Vaccine: "Polio (IPV)", Status: "complete", Doses: []clinic.FormDose{rec(2020, 6, 25, "10"), rec(2020, 7, 23, "10"), rec(2020, 8, 20, "10"), rec(2024, 6, 3, "10")}},
		{Vaccine: "MMR", Status: "given_at_exam", Doses: []clinic.FormDose{rec(2021, 5, 20, "03"), {Date: day(2026, 11, 20), CVX: "03", Lot: "X7731AA", AtExam: true, Source: "exam"}}},
		{Vaccine: "Hib", Status: "complete", Doses: []clinic.FormDose{rec(2020, 6, 25, "17"), rec(2020, 7, 23, "17"), rec(2020, 8, 20, "17")}},
		{Vaccine: "Hepatitis B", Status: "complete", Doses: []clinic.FormDose{rec(2020, 5, 14, "08"), rec(2020, 6, 25, "08"), rec(2020, 11, 12, "08")},
			Decisions: []clinic.FormVaccineDecision{{Kind: "immunity", ReasonCode: "titre", Text: "Titre hepatitis b: Anti-HBs positive (120 mIU/mL), sampled 2026-11-02",
				RecordedBy: "Nurse Claudine Uwase", RecordedAt: time.Date(2026, 11, 20, 9, 40, 0, 0, time.UTC)}}},
		{Vaccine: "Varicella", Status: "given_at_exam", Doses: []clinic.FormDose{{Date: day(2026, 11, 20), CVX: "21", Lot: "V2290B", MVX: "MSD", AtExam: true, Source: "exam"}}},
		{Vaccine: "Hepatitis A", Status: "not_medically_appropriate", Reason: "not_routinely_available", UnavailableSince: ptrDay(2026, 10, 1)},
		{Vaccine: "Influenza", Status: "not_medically_appropriate", Reason: "not_flu_season"},
		{Vaccine: "Pneumococcal", Status: "not_medically_appropriate", Reason: "not_age_appropriate"},
		{Vaccine: "Rotavirus", Status: "not_medically_appropriate", Reason: "not_age_appropriate"},
		{Vaccine: "Meningococcal", Status: "not_medically_appropriate", Reason: "not_age_appropriate"},
	}
	s.VaccinationData = "CDSi supporting data 4.64 (508)"
	s.TBClass = "no_class"
	s.Outcomes = []clinic.FormOutcome{{Code: "no_class", Text: "IGRA negative; no signs or symptoms of TB."}}
	s.Required = []clinic.FormStep{{Step: "igra", Reason: "IGRA: 2 to 14 years from a country with TB incidence of 20 per 100 000 or more."}, {Step: "vaccination_review", Reason: "Immigrant: ACIP vaccines for age."}}
	s.Physician = clinic.FormPhysician{Name: "Dr Jean-Paul Habimana", RegistrationID: "IOM-PP-0178"}
	s.SignedAt = time.Date(2026, 11, 21, 13, 0, 0, 0, time.UTC)
	return s
}

func caImmigrant() clinic.FormSnapshot {
	s := base("snap-ca-1", clinic.FormApplicant{
		Surnames: "Nshimiyimana", GivenNames: "Émilienne", BirthDate: day(1994, 9, 3), Sex: "female",
		Nationality: "BI", CountryOfBirth: "BI", DocumentType: "passport", DocumentNumber: "OP0553812",
		CaseNumber: "IME-8812-5520", FileNumber: "UCI 11-2345-6789",
	}, "CA", "immigrant", day(2026, 10, 5))
	s.ProtocolID, s.ProtocolVersion = "CA", "2020-01-01"
	s.Forms = []string{"IMM 1017"}
	s.Vitals = clinic.FormVitals{HeightCm: 165, WeightKg: 63, BMI: 23.1, Systolic: 124, Diastolic: 80, Pulse: 70, VisionLeft: "6/6", VisionRight: "6/6", Pregnant: false}
	s.Labs = []clinic.FormLabResult{
		{Step: "urinalysis", Test: "Urine dipstick: protein, glucose, blood", Value: "Negative", Date: day(2026, 10, 5)},
		{Step: "syphilis", Test: "RPR", LOINC: "20507-0", Value: "Nonreactive", Date: day(2026, 10, 5)},
		{Step: "hiv", Test: "HIV 1+2 Ab + HIV1 p24 Ag", LOINC: "56888-1", Value: "Negative", Date: day(2026, 10, 5)},
		{Step: "creatinine", Test: "Creatinine, serum", LOINC: "2160-0", Value: "68", Unit: "µmol/L", Reference: "45–90", Date: day(2026, 10, 5)},
	}
	s.CXR = &clinic.FormChestXRay{Result: "normal", Findings: "Heart and lungs normal.", Reader: "Dr Łucja Weiß", Date: day(2026, 10, 5)}
	s.Outcomes = []clinic.FormOutcome{{Code: "no_finding", Text: "No finding that needs referral."}}
	s.Required = []clinic.FormStep{{Step: "cxr", Reason: "Chest X-ray: 11 years or older."}, {Step: "hiv", Reason: "HIV: 15 years or older."}, {Step: "syphilis", Reason: "Syphilis: 15 years or older."}, {Step: "urinalysis", Reason: "Urinalysis: 5 years or older."}, {Step: "creatinine", Reason: "Creatinine: 15 years or older."}}
	s.Physician = clinic.FormPhysician{Name: "Dr Anaïs Kayitesi", RegistrationID: "IRCC-PP-30417"}
	s.SignedAt = time.Date(2026, 10, 6, 8, 45, 0, 0, time.UTC)
	return s
}

func auRefugee() clinic.FormSnapshot {
	auRecheck := day(2026, 12, 5)
	s := base("snap-au-1", clinic.FormApplicant{
		Surnames: "Niyonzima", GivenNames: "Jean-Baptiste Ñame", BirthDate: day(1979, 2, 11), Sex: "male",
		Nationality: "CD", CountryOfBirth: "CD", DocumentType: "unhcr_id", DocumentNumber: "RWA-15-118204",
		CaseNumber: "HAP 99123456", FileNumber: "TRN EGO0448812",
	}, "AU", "refugee", day(2026, 9, 14))
	s.ProtocolID, s.ProtocolVersion = "AU", "2024-07-01"
	s.Forms = []string{"501", "502", "707", "PEC"}
	s.Vitals = clinic.FormVitals{HeightCm: 172, WeightKg: 70.5, BMI: 23.8, Systolic: 142, Diastolic: 92, Pulse: 74, VisionLeft: "6/9", VisionRight: "6/12"}
	s.History[4].Yes, s.History[4].Details = true, "Hypertension since 2022, on amlodipine 5 mg daily."
	s.Counselling = []clinic.FormCounselling{{Topic: "hiv", Stage: "pre_test", Language: "rw", Interpreter: true,
		Counsellor: "Claudine Mukamana", At: day(2026, 9, 14)}}
	s.History = append(s.History, clinic.FormHistoryAnswer{Code: "hiv_counselling", Question: "HIV pre-test information given and consent obtained", Yes: true, Details: "in Kinyarwanda, with interpreter"})
	s.Labs = []clinic.FormLabResult{
		{Step: "urinalysis", Test: "Urine dipstick", Value: "Protein trace; glucose negative; blood negative", Date: day(2026, 9, 14)},
		{Step: "hiv", Test: "HIV 1+2 Ab + HIV1 p24 Ag (eMedical 707)", LOINC: "56888-1", Value: "Negative", Date: day(2026, 9, 14)},
		{Step: "hepatitis_b", Test: "HBsAg", LOINC: "5196-1", Value: "Negative", Date: day(2026, 9, 14)},
		{Step: "syphilis", Test: "Syphilis total antibody", LOINC: "20507-0", Value: "Nonreactive", Date: day(2026, 9, 14)},
	}
	s.CXR = &clinic.FormChestXRay{Result: "abnormal_not_tb", Findings: "Mild cardiomegaly. No features of active or past TB.", Reader: "Dr Łucja Weiß", Date: day(2026, 9, 14)}
	s.Outcomes = []clinic.FormOutcome{{Code: "refer_specialist", Text: "Blood pressure 142/92 on treatment: cardiology review suggested."}}
	s.Required = []clinic.FormStep{{Step: "cxr", Reason: "Chest X-ray (502): 11 years or older, not pregnant."}, {Step: "hiv", Reason: "HIV (707): 15 years or older."}}
	s.Physician = clinic.FormPhysician{Name: "Dr Grzegorz Małecki", RegistrationID: "AU-PP-7712"}
	s.SignedAt = time.Date(2026, 9, 15, 10, 0, 0, 0, time.UTC)
	s.PEC = &clinic.FormPEC{CheckedAt: time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC), FlightNumber: "QR 1342 / QR 908", DepartureDate: day(2026, 12, 3),
		TempC: 38.4, FitToTravel: false, Examiner: "Dr Grzegorz Małecki", Symptoms: pecSymptoms(),
		Remarks: "Fever 38.4 °C with cough since yesterday. Departure postponed; recheck in 72 hours.",
		Outcome: string(clinic.PECNotFit), NotFitReason: "Fever with cough: an infectious illness is not excluded.", RecheckDate: &auRecheck}
	s.PEC.Symptoms[0].Present, s.PEC.Symptoms[1].Present = true, true
	s.PEC.Symptoms[1].Details = "2 days"
	return s
}

func nzResident() clinic.FormSnapshot {
	s := base("snap-nz-1", clinic.FormApplicant{
		Surnames: "Ingabire-Strauß", GivenNames: "Aimée", BirthDate: day(2001, 12, 24), Sex: "female",
		Nationality: "RW", CountryOfBirth: "RW", DocumentType: "passport", DocumentNumber: "PC1199887",
		CaseNumber: "NZ-RES-44120", FileNumber: "INZ client 91827364",
	}, "NZ", "immigrant", day(2026, 11, 2))
	s.ProtocolID, s.ProtocolVersion = "NZ", "2023-03-01"
	s.Forms = []string{"INZ 1007", "INZ 1096"}
	s.Vitals = clinic.FormVitals{HeightCm: 168, WeightKg: 59, BMI: 20.9, Systolic: 112, Diastolic: 70, Pulse: 66, VisionLeft: "6/6", VisionRight: "6/6"}
	s.Labs = []clinic.FormLabResult{
		{Step: "hiv", Test: "HIV 1+2 Ab + HIV1 p24 Ag", LOINC: "56888-1", Value: "Negative", Date: day(2026, 11, 2)},
		{Step: "hepatitis_b", Test: "HBsAg", LOINC: "5196-1", Value: "Negative", Date: day(2026, 11, 2)},
		{Step: "syphilis", Test: "Syphilis total antibody", LOINC: "20507-0", Value: "Nonreactive", Date: day(2026, 11, 2)},
		{Step: "creatinine", Test: "Creatinine, serum", LOINC: "2160-0", Value: "61", Unit: "µmol/L", Reference: "45–90", Date: day(2026, 11, 2)},
		{Step: "egfr", Test: "eGFR (CKD-EPI)", LOINC: "98979-8", Value: "118.4", Unit: "mL/min/1.73m²", Date: day(2026, 11, 2)},
		{Step: "hba1c", Test: "HbA1c", LOINC: "59261-8", Value: "34.6", Unit: "mmol/mol", Reference: "< 41", Date: day(2026, 11, 2)},
		{Step: "urinalysis", Test: "Urine dipstick", Value: "Negative", Date: day(2026, 11, 2)},
	}
	s.CXR = &clinic.FormChestXRay{Result: "normal", Findings: "Normal chest.", Reader: "Dr Théogène Nsengiyumva", Date: day(2026, 11, 2)}
	s.Outcomes = []clinic.FormOutcome{{Code: "no_finding", Text: "No finding that needs referral."}}
	s.Required = []clinic.FormStep{{Step: "cxr", Reason: "Chest X-ray (INZ 1096): 11 years or older, not pregnant."}, {Step: "hba1c", Reason: "HbA1c: 15 years or older."}}
	reported := time.Date(2026, 11, 2, 13, 40, 0, 0, time.UTC)
	s.Referrals = []clinic.FormReferral{
		{Specialty: "Ophthalmology", Reason: "Visual acuity 6/18 left eye, not corrected by pinhole", Facility: "Kabgayi Eye Unit", DueOn: day(2026, 11, 20), Status: clinic.ReferralAnswered, ReportedAt: &reported},
		{Specialty: "Dermatology", Reason: "Hypopigmented patch on the forearm, sensation intact", DueOn: day(2026, 11, 30), Status: clinic.ReferralOpen},
	}
	s.Physician = clinic.FormPhysician{Name: "Dr Anaïs Kayitesi", RegistrationID: "NZ-PP-2231"}
	s.SignedAt = time.Date(2026, 11, 3, 7, 20, 0, 0, time.UTC)
	s.Addendum = &clinic.FormAddendum{Text: "Surname corrected from passport: Ingabire-Strauß (was Ingabire).", Supersedes: "snap-nz-0"}
	return s
}

func pecSymptoms() []clinic.FormSymptom {
	return []clinic.FormSymptom{
		{Code: "fever", Label: "Fever"}, {Code: "cough", Label: "Cough (duration)"},
		{Code: "breathless", Label: "Breathlessness"}, {Code: "rash", Label: "Rash"},
		{Code: "gi", Label: "Vomiting or diarrhoea"}, {Code: "jaundice", Label: "Jaundice"},
		{Code: "red_eyes", Label: "Red eyes"}, {Code: "contact", Label: "Recent contact with an infectious case"},
	}
}

// samplePhoto draws a plain head-and-shoulders silhouette, as JPEG or PNG, so samples exercise
// both image paths without shipping anyone's picture.
func samplePhoto(asPNG bool) []byte {
	const w, h = 90, 114
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg, fg := color.RGBA{214, 226, 238, 255}, color.RGBA{92, 104, 122, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := x-w/2, y-42
			head := dx*dx+dy*dy < 20*20
			sy := y - 118
			body := dx*dx+sy*sy < 46*46
			img.Set(x, y, map[bool]color.RGBA{true: fg, false: bg}[head || body])
		}
	}
	var buf bytes.Buffer
	if asPNG {
		_ = png.Encode(&buf, img) // writing to a bytes.Buffer does not fail
	} else {
		_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	return buf.Bytes()
}
