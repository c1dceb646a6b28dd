package clinic

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
			snap.History = append(snap.History, FormHistoryAnswer{Code: a.Code, Question: q.Question, Yes: a.Yes, Details: a.Details})
		}
		snap.History = append(snap.History, formHistorySummary(as.Findings)...)
	}
	if v := as.Vitals; v != nil {
		snap.Vitals = FormVitals{HeightCm: v.HeightCm, WeightKg: v.WeightKg, BMI: bmi(v.HeightCm, v.WeightKg),
			Systolic: v.Systolic, Diastolic: v.Diastolic, Pulse: v.Pulse, TempC: v.TempC, Pregnant: v.Pregnant}
		snap.Exam = []FormExamFinding{{System: "General examination", Normal: v.ExamNormal, Notes: v.ExamNotes}}
	}
	addResults(&snap, as)
	snap.Vaccinations = formVaccinations(ch)
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
	for _, t := range ch.Plan.Treatments {
		snap.Treatments = append(snap.Treatments, FormTreatment{Drug: t.Drug, Given: true, Reason: t.Reason})
	}
	for _, t := range ch.Plan.Withheld {
		snap.Treatments = append(snap.Treatments, FormTreatment{Drug: t.Drug, Reason: t.Reason})
	}
	for _, r := range ch.Plan.Required {
		snap.Required = append(snap.Required, FormStep{Step: r.Step, Reason: r.Reason})
	}
	if so := as.Signoff; so != nil {
		snap.Physician = FormPhysician{Name: so.ByName, RegistrationID: so.RegistrationID}
		snap.SignedAt = so.At
	}
	if p := as.PEC; p != nil {
		snap.PEC = &FormPEC{CheckedAt: p.At, FlightNumber: p.FlightNumber, TempC: p.TempC, FitToTravel: p.Fit,
			Examiner: p.ByName, Remarks: p.Remarks,
			Symptoms: []FormSymptom{{Code: "infectious_symptoms", Label: "Signs of infectious disease", Present: p.Symptoms}}}
		if p.DepartureDate != nil {
			snap.PEC.DepartureDate = *p.DepartureDate
		}
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
