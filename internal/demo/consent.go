package demo

import (
	"context"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// ConsentsFor are the consents a person gives at registration in the demo: every purpose,
// sharing with the case's own destination; written for an adult, by the mother for a child.
func ConsentsFor(m clinic.Applicant, destination string, on time.Time) []clinic.Consent {
	var out []clinic.Consent
	for _, p := range clinic.ConsentPurposes {
		c := clinic.Consent{ApplicantID: m.ID, Purpose: p, Kind: "written", Language: "rw", Interpreter: false, GivenOn: on}
		if p == clinic.ConsentShareAuthority {
			c.Country = destination
		}
		if clinic.AgeOn(m.BirthDate, on) < 18 {
			c.Kind, c.ProxyName, c.ProxyRelation = "proxy", "Parent of "+m.GivenNames, "mother"
		}
		out = append(out, c)
	}
	return out
}

// RecordConsents records ConsentsFor every member of a case, as the registrar does.
func RecordConsents(ctx context.Context, svc *clinic.Service, registrar clinic.Actor, c clinic.Case, on time.Time) error {
	for _, m := range c.Members {
		for _, x := range ConsentsFor(m, c.Destination, on) {
			if _, err := svc.RecordConsent(ctx, registrar, x); err != nil && !clinic.IsCode(err, clinic.EDuplicate) {
				return err
			}
		}
	}
	return nil
}

// Counsel records the counselling the chart still needs before its HIV result and its sign-off:
// HIV pre-test counselling where the plan requires an HIV test or HIV counselling, and post-test
// counselling once an HIV result is in.
func Counsel(ctx context.Context, svc *clinic.Service, nurse clinic.Actor, ch clinic.Chart) (clinic.Chart, error) {
	has := func(stage string) bool {
		for _, c := range ch.Counselling {
			if c.Topic == "hiv" && c.Stage == stage {
				return true
			}
		}
		return false
	}
	needs := false
	for _, r := range ch.Plan.Required {
		needs = needs || r.Step == "hiv" || r.Step == clinic.StepHIVCounselling
	}
	if !needs {
		return ch, nil
	}
	var err error
	if !has("pre_test") {
		if ch, err = svc.RecordCounselling(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version,
			clinic.Counselling{Topic: "hiv", Stage: "pre_test", Language: "rw", Interpreter: true}); err != nil {
			return ch, err
		}
	}
	if _, ok := ch.Assessment.LatestResults()["hiv"]; ok && !has("post_test") {
		ch, err = svc.RecordCounselling(ctx, nurse, ch.Assessment.ID, ch.Assessment.Version,
			clinic.Counselling{Topic: "hiv", Stage: "post_test", Language: "rw", Interpreter: true, ResultDisclosed: true})
	}
	return ch, err
}
