package cdsi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Request is the JSON the `mhac vaccines evaluate` command reads: one patient and history.
type Request struct {
	DOB            string               `json:"dob"`
	Gender         string               `json:"gender"`
	AssessmentDate string               `json:"assessment_date"`
	BirthCountry   string               `json:"birth_country,omitempty"`
	Doses          []RequestDose        `json:"doses"`
	Observations   []RequestObservation `json:"observations"`
}

// RequestDose is one dose given.
type RequestDose struct {
	Date string `json:"date"`
	CVX  string `json:"cvx"`
	MVX  string `json:"mvx,omitempty"`
}

// RequestObservation is an observation code, written either as "007" or as
// {"code": "170", "date": "2016-08-22"}.
type RequestObservation struct {
	Code string `json:"code"`
	Date string `json:"date,omitempty"`
}

// UnmarshalJSON accepts both spellings of an observation.
func (o *RequestObservation) UnmarshalJSON(b []byte) error {
	var code string
	if err := json.Unmarshal(b, &code); err == nil {
		*o = RequestObservation{Code: code}
		return nil
	}
	type plain RequestObservation
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return errors.New("an observation is a code string or an object with code and date")
	}
	*o = RequestObservation(p)
	return nil
}

// Response is the JSON answer: each dose's evaluations in input order, then each vaccine
// group's forecast. Dates that do not apply are left out.
type Response struct {
	Doses         []ResponseDose  `json:"doses"`
	VaccineGroups []ResponseGroup `json:"vaccine_groups"`
}

// ResponseDose is one dose with its evaluation per antigen.
type ResponseDose struct {
	Date        string           `json:"date"`
	CVX         string           `json:"cvx"`
	MVX         string           `json:"mvx,omitempty"`
	Evaluations []ResponseDoseEv `json:"evaluations"`
}

// ResponseDoseEv is one antigen's verdict on a dose.
type ResponseDoseEv struct {
	VaccineGroup string `json:"vaccine_group"`
	Antigen      string `json:"antigen"`
	Status       string `json:"status"`
	Reason       string `json:"reason,omitempty"`
	Series       string `json:"series,omitempty"`
	TargetDose   string `json:"target_dose,omitempty"`
}

// ResponseGroup is one vaccine group's forecast.
type ResponseGroup struct {
	Name               string   `json:"name"`
	SeriesStatus       string   `json:"series_status"`
	SeriesType         string   `json:"series_type,omitempty"`
	ForecastDoseNumber string   `json:"forecast_dose_number,omitempty"`
	EarliestDate       string   `json:"earliest_date,omitempty"`
	RecommendedDate    string   `json:"recommended_date,omitempty"`
	PastDueDate        string   `json:"past_due_date,omitempty"`
	LatestDate         string   `json:"latest_date,omitempty"`
	Vaccines           []string `json:"recommended_cvx,omitempty"`
	Reasons            []string `json:"reasons,omitempty"`
}

// ErrorResponse is the JSON answer to bad input.
type ErrorResponse struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody says what was wrong: a stable code, a message and the input field when known.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

const dateLayout = "2006-01-02"

// maxRequestBytes bounds one request; a real history is a few kilobytes.
const maxRequestBytes = 1 << 20

// DecodeRequest reads one JSON request into the engine's input. Unknown fields, trailing data,
// bad dates and missing values are errors (an *InputError naming the field).
func DecodeRequest(b []byte) (Patient, time.Time, error) {
	if len(b) > maxRequestBytes {
		return Patient{}, time.Time{}, &InputError{"", "request is larger than 1 MiB"}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		return Patient{}, time.Time{}, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Patient{}, time.Time{}, &InputError{"", "unexpected data after the JSON object"}
	}
	return req.Patient()
}

// Patient checks the request's values and turns them into the engine's input.
func (req Request) Patient() (Patient, time.Time, error) {
	var p Patient
	var err error
	if p.DOB, err = parseField("dob", req.DOB); err != nil {
		return Patient{}, time.Time{}, err
	}
	assess, err := parseField("assessment_date", req.AssessmentDate)
	if err != nil {
		return Patient{}, time.Time{}, err
	}
	switch strings.ToUpper(strings.TrimSpace(req.Gender)) {
	case "F", "M", "U", "", "FEMALE", "MALE", "UNKNOWN":
		p.Gender = req.Gender
	default:
		return Patient{}, time.Time{}, &InputError{"gender", fmt.Sprintf("gender %q is not F, M or U", req.Gender)}
	}
	p.BirthCountry = req.BirthCountry
	for i, d := range req.Doses {
		dt, err := parseField(fmt.Sprintf("doses[%d].date", i), d.Date)
		if err != nil {
			return Patient{}, time.Time{}, err
		}
		p.Doses = append(p.Doses, Dose{Date: dt, CVX: d.CVX, MVX: d.MVX})
	}
	for i, o := range req.Observations {
		po := PatientObservation{Code: o.Code}
		if o.Date != "" {
			if po.Date, err = parseField(fmt.Sprintf("observations[%d].date", i), o.Date); err != nil {
				return Patient{}, time.Time{}, err
			}
		}
		p.Observations = append(p.Observations, po)
	}
	return p, assess, nil
}

func parseField(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, &InputError{field, "date is required (YYYY-MM-DD)"}
	}
	t, err := time.Parse(dateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, &InputError{field, fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s)}
	}
	return t, nil
}

// jsonError names the field of a type error and keeps syntax errors short.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &InputError{te.Field, fmt.Sprintf("expected %s", te.Type)}
	}
	if err == io.EOF {
		return &InputError{"", "empty request"}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return &InputError{strings.Trim(f, `"`), "unknown field"}
	}
	return &InputError{"", "invalid JSON: " + strings.TrimPrefix(msg, "json: ")}
}

// NewResponse turns the engine's result into the JSON answer.
func NewResponse(res Result) Response {
	out := Response{Doses: make([]ResponseDose, 0, len(res.Doses)), VaccineGroups: make([]ResponseGroup, 0, len(res.Groups))}
	for _, d := range res.Doses {
		rd := ResponseDose{Date: d.Dose.Date.Format(dateLayout), CVX: d.Dose.CVX, MVX: d.Dose.MVX, Evaluations: []ResponseDoseEv{}}
		for _, e := range d.Evaluations {
			rd.Evaluations = append(rd.Evaluations, ResponseDoseEv{VaccineGroup: e.VaccineGroup, Antigen: e.Antigen,
				Status: e.Status, Reason: e.Reason, Series: e.Series, TargetDose: e.DoseNumber})
		}
		out.Doses = append(out.Doses, rd)
	}
	for _, g := range res.Groups {
		out.VaccineGroups = append(out.VaccineGroups, ResponseGroup{Name: g.Name, SeriesStatus: g.Status, SeriesType: g.SeriesType,
			ForecastDoseNumber: g.DoseNumber, EarliestDate: fmtOpt(g.Earliest), RecommendedDate: fmtOpt(g.Recommended),
			PastDueDate: fmtOpt(g.PastDue), LatestDate: fmtOpt(g.Latest), Vaccines: g.Vaccines, Reasons: g.Reasons})
	}
	return out
}

func fmtOpt(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(dateLayout)
}

// NewErrorResponse turns an error into the JSON error answer.
func NewErrorResponse(err error) ErrorResponse {
	var ie *InputError
	if errors.As(err, &ie) {
		return ErrorResponse{ErrorBody{Code: "invalid_input", Message: ie.Message, Field: ie.Field}}
	}
	return ErrorResponse{ErrorBody{Code: "internal", Message: err.Error()}}
}

// EvaluateJSON is the whole request-to-answer path for one JSON object: it returns the JSON
// answer and whether it is an error answer.
func (e *Engine) EvaluateJSON(b []byte) ([]byte, bool) {
	p, assess, err := DecodeRequest(b)
	var out any
	if err == nil {
		var res Result
		if res, err = e.Evaluate(p, assess); err == nil {
			out = NewResponse(res)
		}
	}
	if err != nil {
		out = NewErrorResponse(err)
	}
	buf, merr := json.Marshal(out)
	if merr != nil {
		buf, _ = json.Marshal(NewErrorResponse(merr))
		return buf, true
	}
	return buf, err != nil
}
