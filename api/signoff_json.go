package api

import "github.com/mhac-clinic/mhac/clinic"

// signoffCheckJSON is shown before signing: what is missing, whether the rules let each missing
// step wait (and what then holds), and which forms will and will not be issued.
type signoffCheckJSON struct {
	Allowed bool              `json:"allowed"`
	Missing []missingStepJSON `json:"missing"`
	Forms   []formPlanJSON    `json:"forms"`
}

type missingStepJSON struct {
	Step     string        `json:"step"`
	Label    string        `json:"label"`
	Deferral *deferralJSON `json:"deferral"` // null: no rule allows signing without it
}

type deferralJSON struct {
	Rule        string     `json:"rule"`
	Reason      string     `json:"reason"`
	ReasonFR    string     `json:"reason_fr"`
	HoldsTravel bool       `json:"holds_travel"`
	Then        string     `json:"then"`
	ThenFR      string     `json:"then_fr"`
	Source      sourceJSON `json:"source"`
	Confidence  string     `json:"confidence"`
}

type formPlanJSON struct {
	FormType string `json:"form_type"`
	Issue    bool   `json:"issue"`
	Why      string `json:"why,omitempty"`
}

type deferredStepJSON struct {
	Step        string `json:"step"`
	Label       string `json:"label"`
	Reason      string `json:"reason"`
	Rule        string `json:"rule"`
	HoldsTravel bool   `json:"holds_travel"`
	Then        string `json:"then"`
}

func toSignoffCheckJSON(c clinic.SignoffCheck) *signoffCheckJSON {
	j := &signoffCheckJSON{Allowed: c.Allowed, Missing: []missingStepJSON{}, Forms: toFormPlansJSON(c.Forms)}
	for _, m := range c.Missing {
		mj := missingStepJSON{Step: m.Step, Label: m.Label}
		if d := m.Deferral; d != nil {
			mj.Deferral = &deferralJSON{Rule: d.Rule, Reason: d.Reason, ReasonFR: d.ReasonFR, HoldsTravel: d.HoldsTravel,
				Then: d.Then, ThenFR: d.ThenFR, Source: src(d.Source), Confidence: d.Confidence}
		}
		j.Missing = append(j.Missing, mj)
	}
	return j
}

func toFormPlansJSON(fs []clinic.FormPlan) []formPlanJSON {
	out := make([]formPlanJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, formPlanJSON{FormType: f.FormType, Issue: f.Issue, Why: f.Why})
	}
	return out
}

func toSignoffJSON(so clinic.Signoff) *signoffJSON {
	j := &signoffJSON{By: so.ByName, At: so.At, IncompleteReason: so.IncompleteReason, Deferred: []deferredStepJSON{},
		FormsNotIssued: toFormPlansJSON(so.FormsNotIssued)}
	for _, d := range so.Deferred {
		j.Deferred = append(j.Deferred, deferredStepJSON{Step: d.Step, Label: d.Label, Reason: d.Reason, Rule: d.Rule,
			HoldsTravel: d.HoldsTravel, Then: d.Then})
	}
	return j
}
