package clinic

import (
	"fmt"
	"strings"
)

// HistoryQuestion is one yes/no question of the medical history, and the protocol fact a "yes"
// sets. The questions follow the history worksheet of the US exam (DS-3026) and its peers.
type HistoryQuestion struct {
	Code     string
	Question string
	sets     func(*Findings)
}

func tbSymptom(f *Findings) { f.TBSymptoms = true }

// HistoryQuestions is the history every station asks, in order.
var HistoryQuestions = []HistoryQuestion{
	{"cough_2_weeks", "Cough for two weeks or more?", tbSymptom},
	{"fever", "Fever without another cause?", tbSymptom},
	{"night_sweats", "Night sweats?", tbSymptom},
	{"weight_loss", "Unexplained weight loss?", tbSymptom},
	{"haemoptysis", "Coughing up blood?", tbSymptom},
	{"tb_contact", "Close contact with someone who has infectious TB?", func(f *Findings) { f.TBContact = true }},
	{"previous_tb_treatment", "Treated for TB before?", func(f *Findings) { f.PreviousTBTreatment = true }},
	{"completed_panel_dot", "Completed TB treatment under direct observation at this clinic?", func(f *Findings) { f.CompletedPanelDOT = true }},
	{"extrapulmonary_tb_signs", "Signs of TB outside the lungs (e.g. swollen glands)?", func(f *Findings) { f.ExtrapulmonaryTBSigns = true }},
	{"hiv_infected", "Known HIV infection?", func(f *Findings) { f.HIVInfected = true }},
	{"mother_hiv_positive", "(Child) Mother known to have HIV?", func(f *Findings) { f.MotherHIVPositive = true }},
	{"received_blood_products", "Ever received blood or blood products?", func(f *Findings) { f.ReceivedBloodProducts = true }},
	{"chronic_illness", "Long-term illness (diabetes, high blood pressure, kidney, heart)?", nil},
	{"mental_health", "Mental health condition, or harmful behaviour?", nil},
	{"substance_use", "Use of drugs or alcohol harming health?", nil},
	{"medications", "Takes medicines regularly?", nil},
	{"hospital_stays", "Hospital stays or operations?", nil},
	{"allergies", "Allergies to medicines or vaccines?", nil},
}

func historyQuestion(code string) (HistoryQuestion, bool) {
	for _, q := range HistoryQuestions {
		if q.Code == code {
			return q, true
		}
	}
	return HistoryQuestion{}, false
}

// checkHistory validates the answers and derives the protocol facts they imply.
func checkHistory(answers []HistoryAnswer) (Findings, error) {
	var p Problems
	var f Findings
	seen := map[string]bool{}
	for i, a := range answers {
		q, ok := historyQuestion(a.Code)
		switch {
		case !ok:
			p.Add(fmt.Sprintf("answers[%d].code", i), "unknown_question", fmt.Sprintf("%q is not a history question.", a.Code))
			continue
		case seen[a.Code]:
			p.Add(fmt.Sprintf("answers[%d].code", i), "duplicate", "This question is answered twice.")
		case len(a.Details) > 2000:
			p.Add(fmt.Sprintf("answers[%d].details", i), "too_long", "Details have at most 2000 characters.")
		}
		seen[a.Code] = true
		answers[i].Details = strings.TrimSpace(a.Details)
		if a.Yes && q.sets != nil {
			q.sets(&f)
		}
	}
	return f, p.Err()
}
