package protocols

import (
	"fmt"
	"strings"
)

func (b *builder) rules(y *fileYAML) {
	seen := map[string]int{}
	for i := range y.Rules {
		r := &y.Rules[i]
		pos := b.pos.rule(i)
		if !ruleIDRE.MatchString(r.ID) {
			b.fail(pos.line, r.ID, "rule id %q must look like us.tb.cxr_age_15 (country, then lower-case words joined by dots)", r.ID)
		} else if !strings.HasPrefix(r.ID, strings.ToLower(b.set.country)+".") {
			b.fail(pos.line, r.ID, "rule id must start with %s.", strings.ToLower(b.set.country))
		}
		if first, dup := seen[r.ID]; dup {
			b.fail(pos.line, r.ID, "duplicate rule id (first at line %d)", first)
			continue
		}
		seen[r.ID] = pos.line
		if out := b.rule(r, pos); out != nil {
			b.set.rules = append(b.set.rules, out)
			b.set.capacity.add(out)
		}
	}
}

func (b *builder) rule(r *ruleYAML, pos rulePos) *rule {
	n := len(*b.errs)
	out := &rule{id: r.ID, otherwise: r.Otherwise, confidence: r.Confidence, effective: r.Effective, line: pos.line}
	if n := strings.TrimSpace(r.Note); n != "" {
		out.notes, out.note = append(out.notes, n), n
	}
	b.product(r, out, pos)
	c, problems := compileExpr(b.env, b.ref, r.When, true)
	for _, p := range problems {
		formatExprError(b.file, pos, "when", r.When, p, r.ID, b.errs)
	}
	if c != nil {
		b.noteUses(c)
		out.c = c
		for _, l := range c.lists {
			if list := b.ref.lists[l]; list.info.Incomplete {
				out.notes = append(out.notes, fmt.Sprintf("%s is incomplete in this build (%s); %s", list.info.Title, list.info.Note, r.ID))
			}
		}
	}
	var err error
	if strings.TrimSpace(r.Reason) == "" || strings.TrimSpace(r.ReasonFR) == "" {
		b.fail(pos.line, r.ID, "reason and reason_fr (the plain-language reason in English and French) are both required")
	}
	if out.reason, err = parseTemplate(r.Reason, b.ref, b.set); err != nil {
		b.fail(pos.line, r.ID, "reason: %v", err)
	}
	if out.reasonFR, err = parseTemplate(r.ReasonFR, b.ref, b.set); err != nil {
		b.fail(pos.line, r.ID, "reason_fr: %v", err)
	}
	src, msg := resolveSource(r.Source, b.set.sources)
	if msg != "" {
		b.fail(pos.line, r.ID, "%s", msg)
	} else if strings.TrimSpace(src.Section) == "" {
		b.fail(pos.line, r.ID, "source: section is missing (the part of %q the rule comes from)", src.Doc)
	}
	out.source, out.csource = src, src.clinic()
	if !contains(confidences, r.Confidence) {
		b.fail(pos.line, r.ID, "confidence %q must be high, medium or low%s", r.Confidence, suggest(r.Confidence, confidences))
	}
	if r.Effective != "" {
		t, ok := partialDateStart(r.Effective)
		switch {
		case !ok:
			b.fail(pos.line, r.ID, "effective %q must be a date: YYYY, YYYY-MM or YYYY-MM-DD", r.Effective)
		case !b.set.effective.IsZero() && t.After(b.set.effective):
			b.fail(pos.line, r.ID, "the rule took effect on %s, after this version (%s): it cannot be part of it", r.Effective, b.set.version)
		}
	}
	if len(*b.errs) > n {
		return nil
	}
	return out
}

// product reads what the rule produces: exactly one of require, outcome, treat, withhold, form,
// valid_months, departure, defer.
func (b *builder) product(r *ruleYAML, out *rule, pos rulePos) {
	var kinds []ruleKind
	if len(r.Require) > 0 {
		kinds = append(kinds, kindStep)
	}
	if r.Outcome != "" {
		kinds = append(kinds, kindOutcome)
	}
	if r.Treat != "" {
		kinds = append(kinds, kindTreat)
	}
	if r.Withhold != "" {
		kinds = append(kinds, kindWithhold)
	}
	if r.Form != "" {
		kinds = append(kinds, kindForm)
	}
	if r.ValidMonths != 0 {
		kinds = append(kinds, kindValidity)
	}
	if r.Departure != nil {
		kinds = append(kinds, kindDeparture)
	}
	if r.Hold != nil {
		kinds = append(kinds, kindHold)
	}
	if r.Defer != nil {
		kinds = append(kinds, kindDefer)
	}
	if len(r.PhotoOn) > 0 {
		kinds = append(kinds, kindPhoto)
	}
	if len(kinds) != 1 {
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = k.String()
		}
		b.fail(pos.line, r.ID, "a rule produces exactly one of require, outcome, treat, withhold, form, valid_months, departure, hold, defer, photo_on (it has %d: %s)",
			len(kinds), strings.Join(names, ", "))
		return
	}
	out.kind = kinds[0]
	if r.Otherwise && out.kind != kindOutcome {
		b.fail(pos.line, r.ID, "otherwise: applies only to an outcome rule")
	}
	if r.LastDay != "" && out.kind != kindValidity {
		b.fail(pos.line, r.ID, "last_day: applies only to a valid_months rule")
	}
	codes := make([]string, len(steps))
	for i, s := range steps {
		codes[i] = s.code
	}
	switch out.kind {
	case kindStep:
		for _, s := range r.Require {
			if !contains(codes, s) {
				b.fail(pos.line, r.ID, "require: %q is not a step code%s", s, suggest(s, codes))
			} else if contains(out.steps, s) {
				b.fail(pos.line, r.ID, "require: %q is listed twice", s)
			}
			out.steps = append(out.steps, s)
			out.stepIdx = append(out.stepIdx, stepIndex[s])
		}
	case kindOutcome:
		out.code = r.Outcome
		if _, ok := b.set.severity[r.Outcome]; !ok {
			b.fail(pos.line, r.ID, "outcome %q is not in the file's outcomes list%s", r.Outcome, suggest(r.Outcome, outcomeCodes[b.set.country]))
		}
	case kindTreat, kindWithhold:
		out.code = r.Treat + r.Withhold
		if !contains(treatments, out.code) {
			b.fail(pos.line, r.ID, "%q is not a treatment code (%s)%s", out.code, strings.Join(treatments, ", "), suggest(out.code, treatments))
		}
	case kindForm:
		out.code = r.Form
		if !contains(forms, r.Form) {
			b.fail(pos.line, r.ID, "form %q is not a form identifier (%s)%s", r.Form, strings.Join(forms, ", "), suggest(r.Form, forms))
		}
	case kindValidity:
		out.months = r.ValidMonths
		if r.ValidMonths < 1 || r.ValidMonths > 60 {
			b.fail(pos.line, r.ID, "valid_months %d must be between 1 and 60", r.ValidMonths)
		}
		switch r.LastDay {
		case "", "anniversary":
		case "day_before":
			out.dayBefore = true
		default:
			b.fail(pos.line, r.ID, "last_day %q must be anniversary or day_before%s", r.LastDay, suggest(r.LastDay, []string{"anniversary", "day_before"}))
		}
	case kindHold:
		out.hold = *r.Hold
		out.code = r.Hold.Code
		if !contains(holdCodes, r.Hold.Code) {
			b.fail(pos.line, r.ID, "hold code %q must be one of %s%s", r.Hold.Code, strings.Join(holdCodes, ", "), suggest(r.Hold.Code, holdCodes))
		}
		if r.Hold.WaitDays < 0 || r.Hold.WaitDays > 366 {
			b.fail(pos.line, r.ID, "hold wait_days %d must be from 0 to 366", r.Hold.WaitDays)
		}
	case kindDeparture:
		d := *r.Departure
		out.departure = d
		if !contains(departureChecks, d.Check) {
			b.fail(pos.line, r.ID, "departure check %q must be one of %s%s", d.Check, strings.Join(departureChecks, ", "), suggest(d.Check, departureChecks))
		}
		if d.MinHours < 0 || d.MaxHours < 0 || (d.MaxHours > 0 && d.MinHours > d.MaxHours) {
			b.fail(pos.line, r.ID, "departure window: min_hours %d and max_hours %d must be 0 or more, min before max", d.MinHours, d.MaxHours)
		}
	case kindPhoto:
		for _, f := range r.PhotoOn {
			if !contains(forms, f) {
				b.fail(pos.line, r.ID, "photo_on: form %q is not a form identifier (%s)%s", f, strings.Join(forms, ", "), suggest(f, forms))
			} else if contains(out.forms, f) {
				b.fail(pos.line, r.ID, "photo_on: %q is listed twice", f)
			}
			out.forms = append(out.forms, f)
		}
	case kindDefer:
		d := *r.Defer
		out.deferral = d
		switch {
		case !contains(codes, d.Step):
			b.fail(pos.line, r.ID, "defer: step %q is not a step code%s", d.Step, suggest(d.Step, codes))
		case strings.TrimSpace(d.Then) == "" || strings.TrimSpace(d.ThenFR) == "":
			b.fail(pos.line, r.ID, "defer: then and then_fr (what the outcome is while %s is not done, in English and French) are both required", d.Step)
		default:
			out.steps, out.stepIdx = []string{d.Step}, nil
		}
	}
}

func (c *planCapacity) add(r *rule) {
	switch r.kind {
	case kindStep:
		c.steps += len(r.steps)
	case kindOutcome:
		c.outcomes++
	case kindTreat:
		c.treat++
	case kindWithhold:
		c.withhold++
	case kindForm:
		c.forms++
	case kindDeparture:
		c.departure++
	case kindHold:
		c.holds++
	case kindDefer:
		c.deferrals++
	}
}
