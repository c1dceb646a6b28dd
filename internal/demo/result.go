package demo

import "github.com/mhac-clinic/mhac/clinic"

// NormalResult is an unremarkable result for a protocol step, as the demo seed and the tests
// record them.
func NormalResult(step string) clinic.Result {
	num := func(v float64) *float64 { return &v }
	switch step {
	case "cxr":
		return clinic.Result{Step: step, Text: "normal"}
	case "sputum_smears", "sputum_cultures":
		return clinic.Result{Step: step, List: []string{"negative", "negative", "negative"}}
	case "mtb_naat":
		return clinic.Result{Step: step, Text: "not_detected"}
	case "syphilis":
		return clinic.Result{Step: step, Text: "nonreactive"}
	case "urinalysis":
		return clinic.Result{Step: step, Text: "normal"}
	case "creatinine":
		return clinic.Result{Step: step, Number: num(70)}
	case "egfr":
		return clinic.Result{Step: step, Number: num(95)}
	case "hba1c":
		return clinic.Result{Step: step, Number: num(38)}
	case "tst":
		return clinic.Result{Step: step, Number: num(3)}
	}
	return clinic.Result{Step: step, Text: "negative"}
}
