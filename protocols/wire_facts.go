package protocols

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// DecodeFacts reads one facts object in the contract's JSON form, strictly: an unknown field, a
// value of the wrong type or a date that is not YYYY-MM-DD is an *Error naming the field. It
// checks the form only; Evaluate checks the values against the vocabulary.
func DecodeFacts(data []byte) (clinic.Facts, error) {
	var f clinic.Facts
	top, err := object(data, "")
	if err != nil {
		return f, err
	}
	d := &decoder{}
	for _, k := range sortedKeys(top) {
		d.topField(&f, k, top[k])
		if d.err != nil {
			return f, d.err
		}
	}
	for _, req := range []string{"destination", "program", "exam_date", "birth_date"} {
		if raw, ok := top[req]; !ok || isNull(raw) {
			return f, inputErr(CodeMissingField, req, "%s is required", req)
		}
	}
	return f, nil
}

var (
	topFields = []string{"destination", "program", "exam_date", "birth_date", "birth_date_estimated", "sex", "pregnant", "weight_kg", "residence_country", "countries_lived", "unaccompanied_minor", "adoptee", "vaccination_record",
		"citizenships", "stays", "planned_departure", "occupation", "ime_type", "previous_cxr_date", "departure_checks_done", "findings", "results"}
	findingsFields = []string{"tb_symptoms", "tb_contact", "hiv_infected", "previous_tb_treatment", "extrapulmonary_tb_signs", "completed_panel_dot", "mother_hiv_positive", "received_blood_products",
		"failure_to_thrive", "hansens_disease_infectious", "in_state_care", "mental_disorder", "harmful_behaviour"}
	resultsFields = []string{"cxr", "igra", "tst_mm", "sputum_smears", "sputum_cultures", "mtb_naat", "syphilis", "syphilis_treated", "gonorrhea", "hiv", "hbsag", "urinalysis", "creatinine_umol_l", "egfr", "hba1c_mmol_mol",
		"dst", "hcv", "sputum_collected", "specialist_reports"}
)

type decoder struct{ err *Error }

func (d *decoder) topField(f *clinic.Facts, k string, raw json.RawMessage) {
	switch k {
	case "destination":
		f.Destination = d.str(k, raw)
	case "program":
		f.Program = d.str(k, raw)
	case "exam_date":
		f.ExamDate = d.date(k, raw)
	case "birth_date":
		f.BirthDate = d.date(k, raw)
	case "birth_date_estimated":
		f.BirthDateEstimated = d.boolean(k, raw)
	case "sex":
		f.Sex = d.str(k, raw)
	case "pregnant":
		f.Pregnant = d.boolean(k, raw)
	case "weight_kg":
		f.WeightKg = d.number(k, raw)
	case "residence_country":
		f.ResidenceCountry = d.str(k, raw)
	case "countries_lived":
		f.CountriesLived = d.strs(k, raw)
	case "unaccompanied_minor":
		f.UnaccompaniedMinor = d.boolean(k, raw)
	case "adoptee":
		f.Adoptee = d.boolean(k, raw)
	case "vaccination_record":
		f.VaccinationRecord = d.boolean(k, raw)
	case "citizenships":
		f.Citizenships = d.strs(k, raw)
	case "stays":
		f.Stays = d.stays(k, raw)
	case "planned_departure":
		f.PlannedDeparture = d.instant(k, raw)
	case "occupation":
		f.Occupation = d.str(k, raw)
	case "ime_type":
		f.IMEType = d.str(k, raw)
	case "previous_cxr_date":
		f.PreviousCXRDate = d.date(k, raw)
	case "departure_checks_done":
		f.DepartureChecksDone = d.checksDone(k, raw)
	case "findings":
		d.findings(&f.Findings, raw)
	case "results":
		d.results(&f.Results, raw)
	default:
		d.fail(CodeUnknownField, k, "unknown field %q%s", k, suggest(k, topFields))
	}
}

func (d *decoder) findings(fd *clinic.Findings, raw json.RawMessage) {
	m, err := object(raw, "findings")
	if err != nil {
		d.err = err
		return
	}
	targets := map[string]*bool{
		"tb_symptoms": &fd.TBSymptoms, "tb_contact": &fd.TBContact, "hiv_infected": &fd.HIVInfected,
		"previous_tb_treatment": &fd.PreviousTBTreatment, "extrapulmonary_tb_signs": &fd.ExtrapulmonaryTBSigns,
		"completed_panel_dot": &fd.CompletedPanelDOT, "mother_hiv_positive": &fd.MotherHIVPositive,
		"received_blood_products": &fd.ReceivedBloodProducts, "failure_to_thrive": &fd.FailureToThrive,
		"hansens_disease_infectious": &fd.HansensInfectious, "in_state_care": &fd.InStateCare,
		"mental_disorder": &fd.MentalDisorder, "harmful_behaviour": &fd.HarmfulBehaviour,
	}
	for _, k := range sortedKeys(m) {
		t, ok := targets[k]
		if !ok {
			d.fail(CodeUnknownField, "findings."+k, "unknown field %q in findings%s", k, suggest(k, findingsFields))
			return
		}
		*t = d.boolean("findings."+k, m[k])
		if d.err != nil {
			return
		}
	}
}

func (d *decoder) results(r *clinic.Results, raw json.RawMessage) {
	m, err := object(raw, "results")
	if err != nil {
		d.err = err
		return
	}
	strs := map[string]*string{"cxr": &r.CXR, "igra": &r.IGRA, "mtb_naat": &r.MTBNAAT, "syphilis": &r.Syphilis,
		"gonorrhea": &r.Gonorrhea, "hiv": &r.HIV, "hbsag": &r.HBsAg, "urinalysis": &r.Urinalysis,
		"dst": &r.DST, "hcv": &r.HCV}
	nums := map[string]**float64{"tst_mm": &r.TSTmm, "creatinine_umol_l": &r.CreatinineUmolL, "egfr": &r.EGFR, "hba1c_mmol_mol": &r.HbA1cMmolMol}
	for _, k := range sortedKeys(m) {
		field := "results." + k
		switch {
		case strs[k] != nil:
			*strs[k] = d.str(field, m[k])
		case nums[k] != nil:
			*nums[k] = d.number(field, m[k])
		case k == "sputum_smears":
			r.SputumSmears = d.strs(field, m[k])
		case k == "sputum_cultures":
			r.SputumCultures = d.strs(field, m[k])
		case k == "syphilis_treated":
			r.SyphilisTreated = d.boolean(field, m[k])
		case k == "sputum_collected":
			r.SputumCollected = d.date(field, m[k])
		case k == "specialist_reports":
			r.SpecialistReports = d.strs(field, m[k])
		default:
			d.fail(CodeUnknownField, field, "unknown field %q in results%s", k, suggest(k, resultsFields))
		}
		if d.err != nil {
			return
		}
	}
}

func (d *decoder) fail(code, field, format string, args ...any) {
	if d.err == nil {
		d.err = inputErr(code, field, format, args...)
	}
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func (d *decoder) str(field string, raw json.RawMessage) string {
	var s *string
	if json.Unmarshal(raw, &s) != nil {
		d.fail(CodeInvalidValue, field, "%s must be a string", field)
		return ""
	}
	if s == nil {
		return ""
	}
	return *s
}

func (d *decoder) strs(field string, raw json.RawMessage) []string {
	var l []*string
	if json.Unmarshal(raw, &l) != nil {
		d.fail(CodeInvalidValue, field, "%s must be a list of strings", field)
		return nil
	}
	out := make([]string, 0, len(l))
	for _, s := range l {
		if s == nil {
			d.fail(CodeInvalidValue, field, "%s must be a list of strings, without null", field)
			return nil
		}
		out = append(out, *s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (d *decoder) boolean(field string, raw json.RawMessage) bool {
	var b *bool
	if json.Unmarshal(raw, &b) != nil {
		d.fail(CodeInvalidValue, field, "%s must be true or false", field)
		return false
	}
	return b != nil && *b
}

func (d *decoder) number(field string, raw json.RawMessage) *float64 {
	var n *float64
	if json.Unmarshal(raw, &n) != nil {
		d.fail(CodeInvalidValue, field, "%s must be a number", field)
		return nil
	}
	return n
}

func (d *decoder) date(field string, raw json.RawMessage) time.Time {
	s := d.str(field, raw)
	if d.err != nil {
		d.err.Code = CodeInvalidDate
		d.err.Message = fmt.Sprintf("%s must be a date written YYYY-MM-DD", field)
		return time.Time{}
	}
	if s == "" {
		return time.Time{}
	}
	t, ok := parseDate(s)
	if !ok {
		d.fail(CodeInvalidDate, field, "%s %q is not a date written YYYY-MM-DD", field, s)
	}
	return t
}

// object decodes a JSON object into its raw members, rejecting anything else and trailing data.
func object(data []byte, field string) (map[string]json.RawMessage, *Error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil || m == nil {
		if field == "" {
			return nil, inputErr(CodeInvalidJSON, "", "the input is not a JSON object: %s", jsonProblem(err))
		}
		return nil, inputErr(CodeInvalidValue, field, "%s must be an object", field)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, inputErr(CodeInvalidJSON, field, "unexpected data after the JSON object")
	}
	return m, nil
}

func jsonProblem(err error) string {
	if err == nil {
		return "null"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
