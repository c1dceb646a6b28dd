package clinic

import (
	"fmt"
	"regexp"
	"strings"
)

// The physical examination by body system, as the medical forms list the systems, with visual
// acuity and hearing. It is part of the vitals record (RecordVitals).

// ExamSystems are the body systems of the examination, in the forms' order.
var ExamSystems = []string{"general_appearance", "skin", "eyes", "ent", "mouth_teeth", "neck_thyroid", "lymph_nodes",
	"heart", "lungs", "abdomen", "genitourinary", "musculoskeletal", "neurological", "extremities"}

var examSystemLabels = map[string]string{
	"general_appearance": "General appearance", "skin": "Skin", "eyes": "Eyes", "ent": "Ears, nose and throat",
	"mouth_teeth": "Mouth and teeth", "neck_thyroid": "Neck and thyroid", "lymph_nodes": "Lymph nodes", "heart": "Heart",
	"lungs": "Lungs", "abdomen": "Abdomen", "genitourinary": "Genitourinary", "musculoskeletal": "Musculoskeletal",
	"neurological": "Neurological", "extremities": "Extremities",
}

// ExamSystemLabel is a body system's name in English.
func ExamSystemLabel(code string) string {
	if l, ok := examSystemLabels[code]; ok {
		return l
	}
	return code
}

// What the examination of one system found.
const (
	ExamNormalFinding   = "normal"
	ExamAbnormalFinding = "abnormal"
	ExamNotExamined     = "not_examined"
)

// HearingResults are the results of a hearing screen, per ear.
var HearingResults = []string{"normal", "impaired", "not_tested"}

// SystemExam is the examination of one body system.
type SystemExam struct {
	System  string // one of ExamSystems
	Status  string // normal | abnormal | not_examined
	Finding string // what was found (required when abnormal), or why it was not examined
}

// VisualAcuity is each eye's Snellen acuity, without and with correction ("" when not measured).
type VisualAcuity struct {
	RightUncorrected string
	LeftUncorrected  string
	RightCorrected   string
	LeftCorrected    string
}

// Hearing is each ear's hearing screen result.
type Hearing struct {
	Right  string // one of HearingResults
	Left   string
	Method string // e.g. whispered voice, audiometry
}

// snellen is a Snellen fraction in metres (6/9) or feet (20/30), or a low-vision notation:
// counting fingers, hand movements, light perception, no light perception.
var snellen = regexp.MustCompile(`^((6|3)/[0-9]{1,2}(\.[0-9])?|20/[0-9]{1,3}|CF|HM|LP|NLP)$`)

// checkExam validates the body systems, the visual acuity and the hearing of a vitals record.
func checkExam(p *Problems, v *Vitals) {
	seen := map[string]bool{}
	for i, s := range v.Systems {
		f := fmt.Sprintf("systems[%d]", i)
		v.Systems[i].Finding = strings.TrimSpace(s.Finding)
		switch {
		case !contains(ExamSystems, s.System):
			p.Add(f+".system", "not_allowed", "Use one of "+strings.Join(ExamSystems, ", ")+".")
		case seen[s.System]:
			p.Add(f+".system", "duplicate", ExamSystemLabel(s.System)+" is listed twice.")
		}
		seen[s.System] = true
		switch s.Status {
		case ExamNormalFinding, ExamNotExamined:
		case ExamAbnormalFinding:
			if v.Systems[i].Finding == "" {
				p.Add(f+".finding", "required", "Describe what was found ("+ExamSystemLabel(s.System)+").")
			}
		default:
			p.Add(f+".status", "not_allowed", "Use normal, abnormal or not_examined.")
		}
		if len(v.Systems[i].Finding) > 500 {
			p.Add(f+".finding", "too_long", "At most 500 characters.")
		}
	}
	if va := v.Vision; va != nil {
		for _, e := range []struct {
			field string
			val   *string
		}{{"right_uncorrected", &va.RightUncorrected}, {"left_uncorrected", &va.LeftUncorrected},
			{"right_corrected", &va.RightCorrected}, {"left_corrected", &va.LeftCorrected}} {
			*e.val = strings.ToUpper(strings.TrimSpace(*e.val))
			if *e.val != "" && !snellen.MatchString(*e.val) {
				p.Add("visual_acuity."+e.field, "invalid", "Write a Snellen fraction such as 6/9 or 20/30, or CF, HM, LP, NLP.")
			}
		}
	}
	if h := v.Hearing; h != nil {
		for _, e := range []struct{ field, val string }{{"right", h.Right}, {"left", h.Left}} {
			if !contains(HearingResults, e.val) {
				p.Add("hearing."+e.field, "not_allowed", "Use normal, impaired or not_tested.")
			}
		}
		h.Method = strings.TrimSpace(h.Method)
		if len(h.Method) > 100 {
			p.Add("hearing.method", "too_long", "At most 100 characters.")
		}
	}
}

// anyAbnormal reports whether any examined system is abnormal.
func anyAbnormal(systems []SystemExam) bool {
	for _, s := range systems {
		if s.Status == ExamAbnormalFinding {
			return true
		}
	}
	return false
}

// formExam is the examination as the forms print it: by body system when recorded so, else the
// single overall answer.
func formExam(v Vitals) []FormExamFinding {
	if len(v.Systems) == 0 {
		status := ExamNormalFinding
		if !v.ExamNormal {
			status = ExamAbnormalFinding
		}
		return []FormExamFinding{{System: "General examination", Normal: v.ExamNormal, Notes: v.ExamNotes, Status: status}}
	}
	out := make([]FormExamFinding, 0, len(v.Systems))
	for _, code := range ExamSystems {
		for _, s := range v.Systems {
			if s.System == code {
				out = append(out, FormExamFinding{System: ExamSystemLabel(code), Normal: s.Status == ExamNormalFinding,
					Notes: s.Finding, Status: s.Status, Code: code})
			}
		}
	}
	if v.ExamNotes != "" {
		out = append(out, FormExamFinding{System: "Notes", Normal: !anyAbnormal(v.Systems), Notes: v.ExamNotes, Status: "note"})
	}
	return out
}
