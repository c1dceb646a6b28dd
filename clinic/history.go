package clinic

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// The medical history is one question bank (data/history_bank.json, with its source): each
// question is asked once, and each country's form is a view on the bank (the forms that list the
// question print its answer). A yes may set a protocol fact the rules read.

//go:embed data/history_bank.json
var historyBankJSON []byte

// HistoryQuestion is one question of the bank.
type HistoryQuestion struct {
	Code      string   `json:"code"`
	Question  string   `json:"en"` // the English wording, printed on the forms
	FR        string   `json:"fr"`
	RW        string   `json:"rw"`
	Sets      string   `json:"sets"`       // the protocol fact a yes sets, if any
	Date      string   `json:"date"`       // "" (no date), "optional" or "required" (with a yes)
	DependsOn string   `json:"depends_on"` // asked only when this question is answered yes
	Forms     []string `json:"forms"`      // the forms whose view holds the question
	AskedOf   struct {
		Sex      string `json:"sex"`
		AgeMin   int    `json:"age_min"`
		AgeBelow int    `json:"age_below"`
	} `json:"asked_of"`
}

// HistoryBank is the question bank's file.
type HistoryBank struct {
	Kind      string            `json:"kind"`
	Source    Source            `json:"source"`
	Note      string            `json:"note"`
	Questions []HistoryQuestion `json:"questions"`
}

// historyFacts are the protocol facts a history question may set.
var historyFacts = map[string]func(*Findings){
	"tb_symptoms":             func(f *Findings) { f.TBSymptoms = true },
	"tb_contact":              func(f *Findings) { f.TBContact = true },
	"previous_tb_treatment":   func(f *Findings) { f.PreviousTBTreatment = true },
	"completed_panel_dot":     func(f *Findings) { f.CompletedPanelDOT = true },
	"extrapulmonary_tb_signs": func(f *Findings) { f.ExtrapulmonaryTBSigns = true },
	"hiv_infected":            func(f *Findings) { f.HIVInfected = true },
	"mother_hiv_positive":     func(f *Findings) { f.MotherHIVPositive = true },
	"received_blood_products": func(f *Findings) { f.ReceivedBloodProducts = true },
	"failure_to_thrive":       func(f *Findings) { f.FailureToThrive = true },
	"in_state_care":           func(f *Findings) { f.InStateCare = true },
	"hansens_infectious":      func(f *Findings) { f.HansensInfectious = true },
}

// loadHistoryBank reads and checks a bank: known facts, date kinds and dependencies, and no
// question twice.
func loadHistoryBank(data []byte) (HistoryBank, error) {
	var b HistoryBank
	if err := json.Unmarshal(data, &b); err != nil {
		return b, err
	}
	if b.Kind != "history_bank" || b.Source.Doc == "" || len(b.Questions) == 0 {
		return b, fmt.Errorf("a history bank needs kind history_bank, a source and questions")
	}
	seen := map[string]bool{}
	for _, q := range b.Questions {
		switch {
		case q.Code == "" || q.Question == "" || q.FR == "" || q.RW == "":
			return b, fmt.Errorf("question %q: a code and its wording in en, fr and rw are required", q.Code)
		case seen[q.Code]:
			return b, fmt.Errorf("question %q is in the bank twice", q.Code)
		case q.Sets != "" && historyFacts[q.Sets] == nil:
			return b, fmt.Errorf("question %q sets an unknown fact %q", q.Code, q.Sets)
		case q.Date != "" && q.Date != "optional" && q.Date != "required":
			return b, fmt.Errorf("question %q: date is optional or required", q.Code)
		case q.DependsOn != "" && !seen[q.DependsOn]:
			return b, fmt.Errorf("question %q depends on %q, which is not asked before it", q.Code, q.DependsOn)
		case len(q.Forms) == 0:
			return b, fmt.Errorf("question %q is on no form", q.Code)
		}
		seen[q.Code] = true
	}
	return b, nil
}

// HistoryBankFile is the clinic's question bank.
var HistoryBankFile = func() HistoryBank {
	b, err := loadHistoryBank(historyBankJSON)
	if err != nil {
		panic("clinic: data/history_bank.json: " + err.Error())
	}
	return b
}()

// HistoryQuestions is the history every station asks, in order.
var HistoryQuestions = HistoryBankFile.Questions

func historyQuestion(code string) (HistoryQuestion, bool) {
	for _, q := range HistoryQuestions {
		if q.Code == code {
			return q, true
		}
	}
	return HistoryQuestion{}, false
}

// historyDate is a year, a month or a day.
var historyDate = regexp.MustCompile(`^[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)

// checkHistory validates the answers and derives the protocol facts they imply.
func checkHistory(answers []HistoryAnswer) (Findings, error) {
	var p Problems
	var f Findings
	seen := map[string]bool{}
	yes := map[string]bool{}
	for _, a := range answers {
		yes[a.Code] = a.Yes
	}
	for i, a := range answers {
		q, ok := historyQuestion(a.Code)
		field := fmt.Sprintf("answers[%d]", i)
		switch {
		case !ok:
			p.Add(field+".code", "unknown_question", fmt.Sprintf("%q is not a history question.", a.Code))
			continue
		case seen[a.Code]:
			p.Add(field+".code", "duplicate", "This question is answered twice.")
		case len(a.Details) > 2000:
			p.Add(field+".details", "too_long", "Details have at most 2000 characters.")
		case q.DependsOn != "" && a.Yes && !yes[q.DependsOn]:
			p.Add(field+".code", "not_asked", fmt.Sprintf("Asked only when %q is answered yes.", q.DependsOn))
		}
		seen[a.Code] = true
		answers[i].Details = strings.TrimSpace(a.Details)
		answers[i].Date = strings.TrimSpace(a.Date)
		switch d := answers[i].Date; {
		case d != "" && q.Date == "":
			p.Add(field+".date", "not_allowed", "This question takes no date.")
		case d != "" && !historyDate.MatchString(d):
			p.Add(field+".date", "invalid", "Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")
		case d == "" && a.Yes && q.Date == "required":
			p.Add(field+".date", "required", "A yes needs the date.")
		case d != "" && !a.Yes:
			p.Add(field+".date", "not_allowed", "A date goes with a yes only.")
		}
		if a.Yes && q.Sets != "" {
			historyFacts[q.Sets](&f)
		}
	}
	return f, p.Err()
}

// HistoryFor is the form's view of the history: the answers to the questions the form lists,
// and the summary answers every form may tick.
func (s FormSnapshot) HistoryFor(form string) []FormHistoryAnswer {
	var out []FormHistoryAnswer
	for _, h := range s.History {
		if len(h.Forms) == 0 || contains(h.Forms, form) {
			out = append(out, h)
		}
	}
	return out
}
