package protocols

import (
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Clearance (protocol-contract.md, "Additions 2026-12"): what stops travel today and the earliest
// day each thing can clear. A blocker comes from a hold rule of the rule file (cultures not final),
// from an outcome the file marks as holding travel (Class A before treatment), from a required
// step with no result, from a departure check not done inside its window, or from a departure
// after the last day the exam serves.

// Blocker codes.
const (
	blockCulture   = "culture_pending"
	blockStep      = "step_pending"
	blockOutcome   = "outcome_holds_travel"
	blockDeparture = "departure_check"
	blockExpires   = "exam_expires_before_departure"
)

// stepWordsFR are the step names in French, for the blockers' reasons.
var stepWordsFR = map[string]string{
	"medical_history": "anamnèse", "physical_exam": "examen physique", "mental_health": "évaluation de la santé mentale",
	"cxr": "radiographie thoracique", "igra": "test IGRA", "tst": "intradermoréaction à la tuberculine",
	"sputum_smears": "trois frottis d'expectoration", "sputum_cultures": "trois cultures d'expectoration",
	"mtb_naat": "test moléculaire de M. tuberculosis", "syphilis": "sérologie de la syphilis", "gonorrhea": "test de la gonorrhée",
	"hiv": "test du VIH", "hepatitis_b": "antigène HBs", "urinalysis": "analyse d'urine", "creatinine": "créatinine / DFGe",
	"hba1c": "HbA1c", "vaccination_review": "revue du carnet de vaccination", "pregnancy_test": "test de grossesse",
	"dst": "antibiogramme (sensibilité aux antituberculeux)", "hepatitis_c": "test de l'hépatite C",
	"hiv_counselling":        "conseil VIH (avant ou après le test)",
	"result_disclosure":      "annonce d'un résultat qui change le voyage (conseil après le test)",
	"referral_nephrology":    "compte rendu du néphrologue (orientation vers un spécialiste)",
	"referral_endocrinology": "compte rendu de l'endocrinologue (orientation vers un spécialiste)",
	"referral_cardiology":    "compte rendu du cardiologue (orientation vers un spécialiste)",
	"referral_psychiatry":    "compte rendu du psychiatre (orientation vers un spécialiste)",
}

var checkWords = map[string][2]string{
	"pre_embarkation_check":   {"pre-embarkation check", "contrôle avant embarquement"},
	"pre_departure_screening": {"pre-departure medical screening", "bilan médical avant le départ"},
	"departure_health_check":  {"departure health check", "bilan de santé avant le départ"},
	"inz_1262":                {"departure health check (INZ 1262)", "bilan de santé avant le départ (INZ 1262)"},
	"no_live_vaccines":        {"no live vaccine before departure", "pas de vaccin vivant avant le départ"},
}

func stepWords(code string) string {
	if i, ok := stepIndex[code]; ok {
		return steps[i].words
	}
	return code
}

// hold records a hold rule; the clearance is assembled once everything else is known.
func (ev *evaluation) hold(r *rule) {
	f := ev.st.f
	from := f.ExamDate
	if r.hold.Code == blockCulture && !f.Results.SputumCollected.IsZero() {
		from = f.Results.SputumCollected
	}
	b := clinic.Blocker{Code: r.hold.Code, Reason: ev.render(&r.reason), ReasonFR: ev.render(&r.reasonFR), Rule: r.id}
	if r.hold.Code == blockCulture {
		b.Step = "sputum_cultures"
	}
	if r.hold.WaitDays > 0 {
		e := from.AddDate(0, 0, r.hold.WaitDays)
		b.Earliest = &e
		var buf [len(time.DateOnly)]byte
		day := e.AppendFormat(buf[:0], time.DateOnly)
		b.Reason += " Expected by " + string(day) + "."
		b.ReasonFR += " Attendus au plus tard le " + string(day) + "."
	}
	ev.held = append(ev.held, b)
}

func (ev *evaluation) clearance() {
	p := &ev.plan
	c := &p.Clearance
	c.Until = p.ValidUntil
	// Sized once: every hold, travel-holding outcome, pending step and departure check, and the
	// exam ending before the flight.
	c.BlockedBy = make([]clinic.Blocker, 0, len(ev.held)+len(p.Outcome.Findings)+len(p.Pending)+len(p.Departure)+1)
	c.BlockedBy = append(c.BlockedBy, ev.held...)
	for _, fd := range p.Outcome.Findings {
		for _, l := range p.OutcomeScale {
			if l.Code == fd.Code && l.HoldsTravel {
				c.BlockedBy = append(c.BlockedBy, clinic.Blocker{Code: blockOutcome, Rule: fd.Rule,
					Reason: l.Label + ": " + fd.Reason, ReasonFR: fd.ReasonFR})
			}
		}
	}
	for _, step := range p.Pending {
		if ev.isHeld(step) {
			continue
		}
		c.BlockedBy = append(c.BlockedBy, clinic.Blocker{Code: blockStep, Step: step,
			Reason: "Not yet recorded: " + stepWords(step) + ".", ReasonFR: "Pas encore enregistré : " + stepWordsFR[step] + "."})
	}
	ev.departureBlockers()
	c.Cleared = len(c.BlockedBy) == 0
}

func (ev *evaluation) isHeld(step string) bool {
	for _, b := range ev.held {
		if b.Step == step {
			return true
		}
	}
	return false
}

// departureBlockers: every check before travel that is not done inside its window, and an exam
// that no longer serves on the day of the flight.
func (ev *evaluation) departureBlockers() {
	p, f := &ev.plan, ev.st.f
	c := &p.Clearance
	for _, d := range p.Departure {
		if d.Restriction {
			continue
		}
		w := checkWords[d.Check]
		done, inside := ev.checkDone(d)
		if inside {
			continue
		}
		b := clinic.Blocker{Code: blockDeparture, Check: d.Check, Rule: d.Rule}
		// The times are written into buffers on the stack; each reason is one string.
		var nb, na [len(time.RFC3339) + 6]byte
		switch {
		case done:
			b.Reason = "The " + w[0] + " was done outside its window; it must be repeated."
			b.ReasonFR = "Le " + w[1] + " a été fait hors de sa période ; il doit être refait."
		case d.NotBefore.IsZero() && d.NotAfter.IsZero():
			b.Reason = "The " + w[0] + " is still to be done before departure."
			b.ReasonFR = "Le " + w[1] + " reste à faire avant le départ."
		case d.NotBefore.IsZero():
			after := d.NotAfter.AppendFormat(na[:0], time.RFC3339)
			b.Reason = "The " + w[0] + " is still to be done, by " + string(after) + "."
			b.ReasonFR = "Le " + w[1] + " reste à faire, au plus tard le " + string(after) + "."
		default:
			before, after := d.NotBefore.AppendFormat(nb[:0], time.RFC3339), d.NotAfter.AppendFormat(na[:0], time.RFC3339)
			b.Reason = "The " + w[0] + " is due between " + string(before) + " and " + string(after) + "."
			b.ReasonFR = "Le " + w[1] + " est à faire entre le " + string(before) + " et le " + string(after) + "."
			e := calendarDate(d.NotBefore)
			b.Earliest = &e
		}
		c.BlockedBy = append(c.BlockedBy, b)
	}
	if dep := f.PlannedDeparture; !dep.IsZero() && p.ValidUntil != nil && calendarDate(dep).After(*p.ValidUntil) {
		var vb, db [len(time.DateOnly)]byte
		until, day := p.ValidUntil.AppendFormat(vb[:0], time.DateOnly), calendarDate(dep).AppendFormat(db[:0], time.DateOnly)
		c.BlockedBy = append(c.BlockedBy, clinic.Blocker{Code: blockExpires, Rule: p.Validity.Rule,
			Reason:   "The exam serves until " + string(until) + "; the flight on " + string(day) + " is later: a new exam is needed.",
			ReasonFR: "L'examen est valable jusqu'au " + string(until) + " ; le vol du " + string(day) + " est plus tard : un nouvel examen est nécessaire."})
	}
}

// checkDone says whether the check was recorded and whether a record falls inside its window (or
// anywhere before departure when the window or the departure is not known).
func (ev *evaluation) checkDone(d clinic.DepartureCheck) (done, inside bool) {
	for _, x := range ev.st.f.DepartureChecksDone {
		if x.Check != d.Check {
			continue
		}
		done = true
		if (d.NotBefore.IsZero() || !x.At.Before(d.NotBefore)) && (d.NotAfter.IsZero() || !x.At.After(d.NotAfter)) {
			return true, true
		}
	}
	return done, false
}
