package clinic

import (
	"strings"
	"testing"
)

func TestHistoryBankLoads(t *testing.T) {
	b := HistoryBankFile
	if !strings.Contains(b.Source.Doc, "DS-3026") || len(b.Questions) < 25 {
		t.Fatalf("bank: source %q, %d questions", b.Source.Doc, len(b.Questions))
	}
	// Every form the issue names has a view, and the TB, pregnancy and substance questions are in the bank.
	for _, form := range []string{"DS-3026", "IMM 1017", "501", "INZ 1007"} {
		n := 0
		for _, q := range b.Questions {
			if contains(q.Forms, form) {
				n++
			}
		}
		if n < 10 {
			t.Errorf("%s's view holds %d questions", form, n)
		}
	}
	for _, code := range []string{"tb_contact", "tb_contact_treated", "previous_tb_treatment", "tb_treatment_completed", "hospital_stays",
		"surgery", "medications", "allergies", "substance_alcohol", "substance_tobacco", "substance_drugs", "lmp", "disability"} {
		if _, ok := historyQuestion(code); !ok {
			t.Errorf("%s is not in the bank", code)
		}
	}
}

func TestHistoryBankRefusesBadFiles(t *testing.T) {
	head := `{"kind":"history_bank","source":{"doc":"x"},"questions":[`
	q := func(s string) string {
		return `{"code":"a","en":"A?","fr":"A ?","rw":"A?","forms":["DS-3026"]` + s + `}`
	}
	for name, body := range map[string]string{
		"unknown fact":     q(`,"sets":"no_such_fact"`),
		"bad date kind":    q(`,"date":"sometimes"`),
		"missing rw":       `{"code":"a","en":"A?","fr":"A ?","forms":["DS-3026"]}`,
		"no form":          `{"code":"a","en":"A?","fr":"A ?","rw":"A?","forms":[]}`,
		"depends on later": q(`,"depends_on":"b"`),
		"twice":            q("") + "," + q(""),
	} {
		if _, err := loadHistoryBank([]byte(head + body + "]}")); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := loadHistoryBank([]byte(head + q(`,"sets":"tb_contact","date":"optional"`) + "]}")); err != nil {
		t.Errorf("a good bank: %v", err)
	}
}

func TestCheckHistoryDatesAndDependencies(t *testing.T) {
	f, err := checkHistory([]HistoryAnswer{
		{Code: "tb_contact", Yes: true, Details: " Husband ", Date: "2024-03"},
		{Code: "tb_contact_treated", Yes: true},
		{Code: "lmp", Yes: true, Date: "2026-11-20"},
		{Code: "substance_alcohol", Yes: false},
	})
	if err != nil || !f.TBContact {
		t.Fatalf("good answers: %v, findings %+v", err, f)
	}
	tests := []struct {
		answers []HistoryAnswer
		field   string
		code    string
	}{
		{[]HistoryAnswer{{Code: "lmp", Yes: true}}, "answers[0].date", "required"},
		{[]HistoryAnswer{{Code: "tb_contact", Yes: true, Date: "03/2024"}}, "answers[0].date", "invalid"},
		{[]HistoryAnswer{{Code: "allergies", Yes: true, Date: "2024"}}, "answers[0].date", "not_allowed"},
		{[]HistoryAnswer{{Code: "surgery", Yes: false, Date: "2024"}}, "answers[0].date", "not_allowed"},
		{[]HistoryAnswer{{Code: "tb_contact", Yes: false}, {Code: "tb_contact_treated", Yes: true}}, "answers[1].code", "not_asked"},
		{[]HistoryAnswer{{Code: "nope"}}, "answers[0].code", "unknown_question"},
	}
	for _, tt := range tests {
		_, err := checkHistory(tt.answers)
		found := false
		for _, f := range ErrorOf(err).Fields {
			found = found || (f.Field == tt.field && f.Code == tt.code)
		}
		if !found {
			t.Errorf("%+v: %v, want %s/%s", tt.answers, err, tt.field, tt.code)
		}
	}
}

func TestHistoryForIsTheFormsView(t *testing.T) {
	s := FormSnapshot{History: []FormHistoryAnswer{
		{Code: "substance_alcohol", Forms: []string{"DS-3026"}},
		{Code: "hiv_infected", Forms: []string{"DS-3026", "501"}},
		{Code: "tb_symptoms"}, // a summary every form may tick
	}}
	var got []string
	for _, h := range s.HistoryFor("501") {
		got = append(got, h.Code)
	}
	if strings.Join(got, ",") != "hiv_infected,tb_symptoms" {
		t.Errorf("501's view = %v", got)
	}
}
