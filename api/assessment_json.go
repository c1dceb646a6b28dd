package api

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

type chartJSON struct {
	ID             string              `json:"id"`
	Version        int                 `json:"version"`
	State          string              `json:"state"`
	StateLabel     string              `json:"state_label"`
	ExamDate       string              `json:"exam_date"`
	Applicant      applicantJSON       `json:"applicant"`
	Case           caseHeadJSON        `json:"case"`
	Protocol       protocolRefJSON     `json:"protocol"`
	Plan           planJSON            `json:"plan"`
	Incomplete     []string            `json:"incomplete"`
	History        *historyJSON        `json:"history"`
	Questions      []questionJSON      `json:"history_questions"`
	Vitals         *vitalsJSON         `json:"vitals"`
	Findings       findingsJSON        `json:"findings"`
	Results        []resultJSON        `json:"results"`
	Classification *classificationJSON `json:"classification"`
	Signoff        *signoffJSON        `json:"signoff"`
	Addenda        []addendumJSON      `json:"addenda"`
	PEC            *pecJSON            `json:"pec"`
	Forms          []formJSON          `json:"forms"`
	Vaccination    *vaccinationJSON    `json:"vaccination"`
	// VaccineDecisions are the refusals, waivers and evidence of immunity recorded at this exam.
	VaccineDecisions []vaccineDecisionJSON `json:"vaccine_decisions"`
	SignoffCheck     *signoffCheckJSON     `json:"signoff_check"` // before sign-off: what signing now leaves undone and issues
	// Can lists what the logged-in user may do on this chart now (clinic.Chart.Can).
	Can []string `json:"can"`
	// Treatments are the treatments the rules name, each with its dose and records;
	// UnrecordedTreatments the recommended ones with no record yet (sign-off names them).
	Treatments           []treatmentOrderJSON `json:"treatments"`
	UnrecordedTreatments []string             `json:"unrecorded_treatments"`
	MentalHealth         *mentalHealthJSON    `json:"mental_health"`
	// Identity is the stations' identity checks and the mismatch holding the assessment, if any.
	Identity identityJSON `json:"identity"`
	// Counselling is the counselling recorded at this exam, oldest first.
	Counselling []counsellingJSON `json:"counselling"`
	// DOT is the course of TB treatment under observation; null when none is started.
	DOT *dotJSON `json:"dot"`
	// Referrals are the specialist referrals of this exam, oldest first.
	Referrals []referralJSON `json:"referrals"`
}

type protocolRefJSON struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

type questionJSON struct {
	Code      string      `json:"code"`
	Question  string      `json:"question"` // English
	FR        string      `json:"fr"`
	RW        string      `json:"rw"`
	Date      string      `json:"date"` // "", optional or required (with a yes)
	DependsOn string      `json:"depends_on"`
	Forms     []string    `json:"forms"`
	AskedOf   askedOfJSON `json:"asked_of"`
}

type askedOfJSON struct {
	Sex      string `json:"sex"`
	AgeMin   int    `json:"age_min"`
	AgeBelow int    `json:"age_below"`
}

type answerJSON struct {
	Code    string `json:"code"`
	Answer  bool   `json:"answer"`
	Details string `json:"details"`
	Date    string `json:"date"`
}

type historyJSON struct {
	Answers    []answerJSON `json:"answers"`
	RecordedBy string       `json:"recorded_by"`
	RecordedAt time.Time    `json:"recorded_at"`
}

type findingsJSON struct {
	TBSymptoms            bool `json:"tb_symptoms"`
	TBContact             bool `json:"tb_contact"`
	HIVInfected           bool `json:"hiv_infected"`
	PreviousTBTreatment   bool `json:"previous_tb_treatment"`
	ExtrapulmonaryTBSigns bool `json:"extrapulmonary_tb_signs"`
	CompletedPanelDOT     bool `json:"completed_panel_dot"`
	MotherHIVPositive     bool `json:"mother_hiv_positive"`
	ReceivedBloodProducts bool `json:"received_blood_products"`
	FailureToThrive       bool `json:"failure_to_thrive"`
	HansensInfectious     bool `json:"hansens_disease_infectious"`
	InStateCare           bool `json:"in_state_care"`
	MentalDisorder        bool `json:"mental_disorder"`
	HarmfulBehaviour      bool `json:"harmful_behaviour"`
}

// measurementsJSON are the vitals and examination, as recorded and as shown.
type measurementsJSON struct {
	HeightCm   float64 `json:"height_cm"`
	WeightKg   float64 `json:"weight_kg"`
	Systolic   int     `json:"bp_systolic"`
	Diastolic  int     `json:"bp_diastolic"`
	Pulse      int     `json:"pulse"`
	TempC      float64 `json:"temperature_c"`
	Pregnant   bool    `json:"pregnant"`
	ExamNormal bool    `json:"exam_normal"`
	ExamNotes  string  `json:"exam_notes"`
	examJSON
}

func (m measurementsJSON) domain() clinic.Vitals {
	v := clinic.Vitals{HeightCm: m.HeightCm, WeightKg: m.WeightKg, Systolic: m.Systolic, Diastolic: m.Diastolic,
		Pulse: m.Pulse, TempC: m.TempC, Pregnant: m.Pregnant, ExamNormal: m.ExamNormal, ExamNotes: m.ExamNotes}
	m.examJSON.domain(&v)
	return v
}

func toMeasurementsJSON(v clinic.Vitals) measurementsJSON {
	return measurementsJSON{HeightCm: v.HeightCm, WeightKg: v.WeightKg, Systolic: v.Systolic, Diastolic: v.Diastolic,
		Pulse: v.Pulse, TempC: v.TempC, Pregnant: v.Pregnant, ExamNormal: v.ExamNormal, ExamNotes: v.ExamNotes,
		examJSON: toExamJSON(v)}
}

type vitalsJSON struct {
	measurementsJSON
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
	// Growth scores a child's height and weight against the WHO tables (none for an adult).
	Growth []growthJSON `json:"growth"`
}

type resultJSON struct {
	Step       string    `json:"step"`
	Label      string    `json:"label"`
	Value      any       `json:"value"`
	Unit       string    `json:"unit"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

type classificationJSON struct {
	Codes          []string  `json:"codes"`
	Notes          string    `json:"notes"`
	OverrideReason string    `json:"override_reason"`
	By             string    `json:"by"`
	At             time.Time `json:"at"`
}

type signoffJSON struct {
	By               string             `json:"by"`
	At               time.Time          `json:"at"`
	IncompleteReason string             `json:"incomplete_reason"`
	Deferred         []deferredStepJSON `json:"deferred"`
	FormsNotIssued   []formPlanJSON     `json:"forms_not_issued"`
}

type addendumJSON struct {
	Text string    `json:"text"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

func (s *Server) toChartJSON(ch clinic.Chart, a clinic.Actor) chartJSON {
	as := ch.Assessment
	j := chartJSON{ID: as.ID, Version: as.Version, State: string(as.State), StateLabel: as.State.Label(),
		ExamDate: as.ExamDate.Format(time.DateOnly), Applicant: toApplicantJSON(ch.Applicant, as.ExamDate),
		Case:     toCaseHeadJSON(ch.Case),
		Protocol: protocolRefJSON{ID: as.ProtocolID, Version: as.ProtocolVersion}, Plan: toPlanJSON(ch.Plan, ch.Incomplete),
		Incomplete: nonNil(ch.Incomplete), Findings: findingsJSON(as.Findings), Results: []resultJSON{},
		Addenda: []addendumJSON{}, Forms: []formJSON{}, Vaccination: toVaccinationJSON(ch.Vaccination), VaccineDecisions: toVaccineDecisionsJSON(ch.VaccineDecisions), Can: permNames(ch.Can(a)), Identity: toIdentityJSON(ch),
		Treatments: toTreatmentOrdersJSON(ch), UnrecordedTreatments: nonNil(clinic.UnrecordedTreatments(ch)),
		MentalHealth: toMentalHealthJSON(as.MentalHealth), Counselling: toCounsellingJSON(ch.Counselling), DOT: toDOTJSON(ch.DOT),
		Referrals: toReferralsJSON(ch.Referrals)}
	for _, q := range clinic.HistoryQuestions {
		j.Questions = append(j.Questions, questionJSON{Code: q.Code, Question: q.Question, FR: q.FR, RW: q.RW, Date: q.Date,
			DependsOn: q.DependsOn, Forms: q.Forms, AskedOf: askedOfJSON(q.AskedOf)})
	}
	if h := as.History; h != nil {
		j.History = &historyJSON{RecordedBy: h.RecordedBy, RecordedAt: h.RecordedAt, Answers: []answerJSON{}}
		for _, a := range h.Answers {
			j.History.Answers = append(j.History.Answers, answerJSON{Code: a.Code, Answer: a.Yes, Details: a.Details, Date: a.Date})
		}
	}
	if v := as.Vitals; v != nil {
		j.Vitals = &vitalsJSON{measurementsJSON: toMeasurementsJSON(*v), RecordedBy: v.RecordedName, RecordedAt: v.RecordedAt,
			Growth: toGrowthJSON(ch.Applicant, as.ExamDate, *v)}
	}
	for _, r := range as.Results {
		rj := resultJSON{Step: r.Step, Label: clinic.StepLabel(r.Step), Unit: r.Unit, RecordedBy: r.ByName, RecordedAt: r.RecordedAt}
		switch {
		case r.Number != nil:
			rj.Value = *r.Number
		case r.List != nil:
			rj.Value = r.List
		default:
			rj.Value = r.Text
		}
		j.Results = append(j.Results, rj)
	}
	if c := as.Classification; c != nil {
		j.Classification = &classificationJSON{Codes: c.Codes, Notes: c.Notes, OverrideReason: c.OverrideReason, By: c.ByName, At: c.At}
	}
	if so := as.Signoff; so != nil {
		j.Signoff = toSignoffJSON(*so)
	} else if as.Classification != nil || as.State == clinic.StateInExam {
		j.SignoffCheck = toSignoffCheckJSON(clinic.CheckSignoff(ch))
	}
	for _, ad := range as.Addenda {
		j.Addenda = append(j.Addenda, addendumJSON{Text: ad.Text, By: ad.ByName, At: ad.At})
	}
	if p := as.PEC; p != nil {
		j.PEC = toPECJSON(*p)
	}
	for _, f := range ch.Forms {
		j.Forms = append(j.Forms, s.toFormJSON(f))
	}
	return j
}
