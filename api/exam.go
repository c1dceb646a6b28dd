package api

import "github.com/mhac-clinic/mhac/clinic"

// examJSON is the examination by body system, the further measurements, visual acuity and
// hearing, sent and shown with the vitals.
type examJSON struct {
	RespiratoryRate int               `json:"respiratory_rate"`      // per minute; 0 = not measured
	SpO2            int               `json:"spo2"`                  // %; 0 = not measured
	HeadCircCm      float64           `json:"head_circumference_cm"` // 0 = not measured
	Systems         []systemExamJSON  `json:"systems"`
	VisualAcuity    *visualAcuityJSON `json:"visual_acuity"`
	Hearing         *hearingJSON      `json:"hearing"`
}

type systemExamJSON struct {
	System  string `json:"system"` // general_appearance | skin | eyes | ent | mouth_teeth | ...
	Label   string `json:"label"`  // in answers only
	Status  string `json:"status"` // normal | abnormal | not_examined
	Finding string `json:"finding"`
}

type visualAcuityJSON struct {
	RightUncorrected string `json:"right_uncorrected"` // Snellen: 6/9, 20/30, or CF, HM, LP, NLP
	LeftUncorrected  string `json:"left_uncorrected"`
	RightCorrected   string `json:"right_corrected"`
	LeftCorrected    string `json:"left_corrected"`
}

type hearingJSON struct {
	Right  string `json:"right"` // normal | impaired | not_tested
	Left   string `json:"left"`
	Method string `json:"method"`
}

func (e examJSON) domain(v *clinic.Vitals) {
	v.RespiratoryRate, v.SpO2, v.HeadCircCm = e.RespiratoryRate, e.SpO2, e.HeadCircCm
	for _, s := range e.Systems {
		v.Systems = append(v.Systems, clinic.SystemExam{System: s.System, Status: s.Status, Finding: s.Finding})
	}
	if a := e.VisualAcuity; a != nil {
		v.Vision = &clinic.VisualAcuity{RightUncorrected: a.RightUncorrected, LeftUncorrected: a.LeftUncorrected,
			RightCorrected: a.RightCorrected, LeftCorrected: a.LeftCorrected}
	}
	if h := e.Hearing; h != nil {
		v.Hearing = &clinic.Hearing{Right: h.Right, Left: h.Left, Method: h.Method}
	}
}

func toExamJSON(v clinic.Vitals) examJSON {
	e := examJSON{RespiratoryRate: v.RespiratoryRate, SpO2: v.SpO2, HeadCircCm: v.HeadCircCm, Systems: []systemExamJSON{}}
	for _, s := range v.Systems {
		e.Systems = append(e.Systems, systemExamJSON{System: s.System, Label: clinic.ExamSystemLabel(s.System), Status: s.Status, Finding: s.Finding})
	}
	if a := v.Vision; a != nil {
		e.VisualAcuity = &visualAcuityJSON{RightUncorrected: a.RightUncorrected, LeftUncorrected: a.LeftUncorrected,
			RightCorrected: a.RightCorrected, LeftCorrected: a.LeftCorrected}
	}
	if h := v.Hearing; h != nil {
		e.Hearing = &hearingJSON{Right: h.Right, Left: h.Left, Method: h.Method}
	}
	return e
}
