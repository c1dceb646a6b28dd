package clinic

import (
	"math"
	"sort"
	"strings"
	"time"
)

// BuildSnapshot freezes what the forms print from a chart. It reads only the chart and the site,
// so the same chart always gives the same snapshot content (but for its new id).
func BuildSnapshot(ch Chart, site Site) FormSnapshot {
	as, ap := ch.Assessment, ch.Applicant
	snap := FormSnapshot{
		ID: NewID(), AssessmentID: as.ID,
		Site:         FormSite{Code: site.Code, Name: site.Name, City: site.City, Country: site.Country, Timezone: site.Timezone},
		Organisation: site.Organisation,
		Applicant: FormApplicant{Surnames: ap.Surnames, GivenNames: ap.GivenNames, BirthDate: ap.BirthDate,
			BirthDateEstimated: ap.BirthDateEstimated, Sex: ap.Sex, Nationality: ap.Nationality,
			CountryOfBirth: ap.CountryOfBirth, DocumentType: ap.DocumentType, DocumentNumber: ap.DocumentNumber,
			CaseNumber: ch.Case.CaseNumber, FileNumber: ap.FileNumber},
		Destination: ch.Case.Destination, Program: ch.Case.Program, ExamDate: as.ExamDate,
		ProtocolID: ch.Plan.ProtocolID, ProtocolVersion: ch.Plan.ProtocolVersion, Forms: ch.Plan.Forms,
	}
	if h := as.History; h != nil {
		for _, a := range h.Answers {
			q, _ := historyQuestion(a.Code)
			snap.History = append(snap.History, FormHistoryAnswer{Code: a.Code, Question: q.Question, Yes: a.Yes,
				Details: a.Details, Date: a.Date, Forms: q.Forms})
		}
		snap.History = append(snap.History, formHistorySummary(as.Findings)...)
	}
	if v := as.Vitals; v != nil {
		snap.Vitals = FormVitals{HeightCm: v.HeightCm, WeightKg: v.WeightKg, BMI: bmi(v.HeightCm, v.WeightKg),
			Systolic: v.Systolic, Diastolic: v.Diastolic, Pulse: v.Pulse, TempC: v.TempC, Pregnant: v.Pregnant,
			RespiratoryRate: v.RespiratoryRate, SpO2: v.SpO2, HeadCircCm: v.HeadCircCm}
		if va := v.Vision; va != nil {
			snap.Vitals.VisionRight, snap.Vitals.VisionLeft = va.RightUncorrected, va.LeftUncorrected
			snap.Vitals.VisionRightCorrected, snap.Vitals.VisionLeftCorrected = va.RightCorrected, va.LeftCorrected
		}
		if h := v.Hearing; h != nil {
			snap.Vitals.HearingRight, snap.Vitals.HearingLeft, snap.Vitals.HearingMethod = h.Right, h.Left, h.Method
		}
		snap.Exam = formExam(*v)
		snap.Vitals.Growth = GrowthOf(ap, as.ExamDate, *v)
	}
	if m := as.MentalHealth; m != nil {
		snap.MentalHealth = &FormMentalHealth{Instrument: RHS15.Title, Language: m.Language, Interpreter: m.Interpreter,
			Score: m.Score, Thermometer: m.Thermometer, Positive: m.Positive, CutOff: RHS15.Positive.Rule,
			Assessment: m.Assessment, Disorder: m.Disorder, HarmfulBehaviour: m.HarmfulBehaviour, HarmfulDetails: m.HarmfulDetails, Referral: m.Referral}
	}
	for _, c := range ch.Counselling {
		snap.Counselling = append(snap.Counselling, FormCounselling{Topic: c.Topic, Stage: c.Stage, Language: c.Language,
			Interpreter: c.Interpreter, ResultDisclosed: c.ResultDisclosed, Referral: c.Referral, Counsellor: c.CounsellorName, At: c.At})
	}
	addResults(&snap, as)
	snap.Vaccinations = formVaccinations(ch)
	if v := ch.Vaccination; v != nil && v.DS3025 != nil {
		snap.VaccinationData = v.DS3025.DataVersion
	}
	for _, f := range ch.Plan.Outcome.Findings {
		snap.Outcomes = append(snap.Outcomes, FormOutcome{Code: f.Code, Text: f.Reason})
	}
	if c := as.Classification; c != nil {
		snap.Outcomes = snap.Outcomes[:0]
		for _, code := range c.Codes {
			snap.Outcomes = append(snap.Outcomes, FormOutcome{Code: code, Text: findingReason(ch.Plan, code, c)})
			if snap.TBClass == "" && ch.Case.Destination == "US" && isTBClass(code) {
				snap.TBClass = code
			}
		}
	}
	snap.Treatments = formTreatments(ch, site.Location())
	snap.Referrals = formReferrals(ch.Referrals)
	for _, r := range ch.Plan.Required {
		snap.Required = append(snap.Required, FormStep{Step: r.Step, Reason: r.Reason})
	}
	if so := as.Signoff; so != nil {
		snap.Physician = FormPhysician{Name: so.ByName, RegistrationID: so.RegistrationID}
		snap.SignedAt = so.At
		for _, d := range so.Deferred {
			snap.Deferred = append(snap.Deferred, FormDeferred{Step: d.Step, Label: d.Label, Reason: d.Reason, Then: d.Then})
		}
	}
	if p := as.PEC; p != nil {
		snap.PEC = BuildPECForm(*p)
	}
	return snap
}

// addResults copies the latest result of each step into the snapshot's sections.
func addResults(snap *FormSnapshot, as Assessment) {
	latest := as.LatestResults()
	var smears, cultures []string
	naat := ""
	for _, step := range sortedSteps(latest) {
		r := latest[step]
		switch step {
		case "cxr":
			snap.CXR = &FormChestXRay{Result: r.Text, Reader: r.ByName, Date: dateOf(r)}
		case "sputum_smears":
			smears = r.List
		case "sputum_cultures":
			cultures = r.List
		case "mtb_naat":
			naat = r.Text
		default:
			snap.Labs = append(snap.Labs, FormLabResult{Step: step, Test: StepLabel(step), Value: r.ResultValue(), Unit: r.Unit, Date: dateOf(r)})
		}
	}
	for i := 0; i < len(smears) || i < len(cultures); i++ {
		sp := FormSputum{Number: i + 1}
		if i < len(smears) {
			sp.Smear = smears[i]
		}
		if i < len(cultures) {
			sp.Culture = cultures[i]
		}
		if i == 0 {
			sp.NAAT = naat
		}
		snap.Sputum = append(snap.Sputum, sp)
	}
}

// formHistorySummary adds the summary answers the forms tick from the protocol facts: the TB
// worksheet (DS-3030) asks for symptoms, history of TB, contact, HIV and extrapulmonary signs as
// single boxes, whatever questions the nurse answered to reach them.
func formHistorySummary(f Findings) []FormHistoryAnswer {
	return []FormHistoryAnswer{
		{Code: "tb_symptoms", Question: "Signs or symptoms of TB", Yes: f.TBSymptoms},
		{Code: "tb_history", Question: "History of TB or TB treatment", Yes: f.PreviousTBTreatment},
		{Code: "hiv", Question: "Known HIV infection", Yes: f.HIVInfected},
		{Code: "tb_extrapulmonary", Question: "Signs of TB outside the lungs", Yes: f.ExtrapulmonaryTBSigns},
	}
}

func bmi(heightCm, weightKg float64) float64 {
	if heightCm <= 0 || weightKg <= 0 {
		return 0
	}
	m := heightCm / 100
	return math.Round(weightKg/(m*m)*10) / 10
}

func sortedSteps(m map[string]Result) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dateOf(r Result) time.Time {
	y, mo, d := r.RecordedAt.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

func isTBClass(code string) bool {
	return strings.HasSuffix(code, "_tb") || strings.Contains(code, "_tb_") || code == "class_b2_ltbi" || code == "no_class"
}

// findingReason is the rules' reason for a code, or the physician's notes when the physician
// chose a code the rules did not find.
func findingReason(plan Plan, code string, c *Classification) string {
	for _, f := range plan.Outcome.Findings {
		if f.Code == code {
			return f.Reason
		}
	}
	if c.OverrideReason != "" {
		return c.OverrideReason
	}
	return c.Notes
}
