package fhir

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Observation is a vital sign or a laboratory result.
type Observation struct {
	ResourceType         string            `json:"resourceType"`
	ID                   string            `json:"id"`
	Meta                 *Meta             `json:"meta,omitempty"`
	Status               string            `json:"status"`
	Category             []CodeableConcept `json:"category,omitempty"`
	Code                 CodeableConcept   `json:"code"`
	Subject              *Reference        `json:"subject"`
	Encounter            *Reference        `json:"encounter,omitempty"`
	EffectiveDateTime    string            `json:"effectiveDateTime,omitempty"`
	Performer            []Reference       `json:"performer,omitempty"`
	ValueQuantity        *Quantity         `json:"valueQuantity,omitempty"`
	ValueCodeableConcept *CodeableConcept  `json:"valueCodeableConcept,omitempty"`
	ValueString          string            `json:"valueString,omitempty"`
	Note                 []Annotation      `json:"note,omitempty"`
	Component            []component       `json:"component,omitempty"`
}

type component struct {
	Code          CodeableConcept `json:"code"`
	ValueQuantity *Quantity       `json:"valueQuantity,omitempty"`
}

// DiagnosticReport is the chest X-ray reading.
type DiagnosticReport struct {
	ResourceType       string            `json:"resourceType"`
	ID                 string            `json:"id"`
	Status             string            `json:"status"`
	Category           []CodeableConcept `json:"category,omitempty"`
	Code               CodeableConcept   `json:"code"`
	Subject            *Reference        `json:"subject"`
	Encounter          *Reference        `json:"encounter,omitempty"`
	EffectiveDateTime  string            `json:"effectiveDateTime,omitempty"`
	Performer          []Reference       `json:"performer,omitempty"`
	ResultsInterpreter []Reference       `json:"resultsInterpreter,omitempty"`
	Conclusion         string            `json:"conclusion,omitempty"`
	ConclusionCode     []CodeableConcept `json:"conclusionCode,omitempty"`
}

const (
	profileVitalSigns = "http://hl7.org/fhir/StructureDefinition/vitalsigns"
)

// vital is one vital sign: LOINC code, UCUM unit and the value ("" when not measured).
type vital struct {
	loinc, display, ucum, value string
}

func num(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// vitalSigns writes the measured vital signs; a zero in the snapshot means "not measured".
func (b *builder) vitalSigns() section {
	v := b.snap.Vitals
	var refs []string
	for _, m := range []vital{
		{"8302-2", "Body height", "cm", num(v.HeightCm)},
		{"29463-7", "Body weight", "kg", num(v.WeightKg)},
		{"39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", num(round1(v.BMI))},
		{"8867-4", "Heart rate", "/min", num(float64(v.Pulse))},
		{"8310-5", "Body temperature", "Cel", num(v.TempC)},
	} {
		if m.value == "" {
			continue
		}
		o := b.vitalObservation(m.loinc, m.display)
		o.ValueQuantity = &Quantity{Value: json.Number(m.value), Unit: m.ucum, System: sysUCUM, Code: m.ucum}
		refs = append(refs, b.add("Observation", o.ID, o))
	}
	if v.Systolic > 0 && v.Diastolic > 0 {
		o := b.vitalObservation("85354-9", "Blood pressure panel with all children optional")
		o.Component = []component{
			{Code: concept(sysLOINC, "8480-6", "Systolic blood pressure"), ValueQuantity: mmHg(v.Systolic)},
			{Code: concept(sysLOINC, "8462-4", "Diastolic blood pressure"), ValueQuantity: mmHg(v.Diastolic)},
		}
		refs = append(refs, b.add("Observation", o.ID, o))
	}
	if v.Pregnant {
		o := Observation{ResourceType: "Observation", ID: b.id("Observation", "pregnancy"), Status: "final",
			Category: []CodeableConcept{concept(sysObsCategory, "social-history", "Social History")},
			Code:     concept(sysLOINC, "82810-3", "Pregnancy status"), Subject: ref(b.patient, ""),
			Encounter: ref(b.encounter, ""), EffectiveDateTime: date(b.snap.ExamDate),
			ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: sysSNOMED, Code: "77386006", Display: "Pregnant"}}, Text: "Pregnant"}}
		refs = append(refs, b.add("Observation", o.ID, o))
	}
	return section{title: "Vital signs", loinc: "8716-3", display: "Vital signs", refs: refs,
		empty: "No vital signs recorded."}
}

func (b *builder) vitalObservation(loinc, display string) Observation {
	return Observation{ResourceType: "Observation", ID: b.id("Observation", "vital/"+loinc), Status: "final",
		Meta:     &Meta{Profile: []string{profileVitalSigns}},
		Category: []CodeableConcept{concept(sysObsCategory, "vital-signs", "Vital Signs")},
		Code:     concept(sysLOINC, loinc, display), Subject: ref(b.patient, ""), Encounter: ref(b.encounter, ""),
		EffectiveDateTime: date(b.snap.ExamDate)}
}

func mmHg(v int) *Quantity {
	return &Quantity{Value: json.Number(strconv.Itoa(v)), Unit: "mmHg", System: sysUCUM, Code: "mm[Hg]"}
}

func round1(f float64) float64 {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// results writes every recorded laboratory result, the sputum specimens and the chest X-ray.
func (b *builder) results() section {
	var refs []string
	for _, l := range b.snap.Labs {
		if strings.TrimSpace(l.Value) == "" {
			continue // not recorded: not emitted
		}
		refs = append(refs, b.lab(l.Step, l.Test, l.Value, l.Unit, l.Date, ""))
	}
	for _, sp := range b.snap.Sputum {
		n := strconv.Itoa(sp.Number)
		if sp.Smear != "" {
			refs = append(refs, b.lab("sputum_smears", "Sputum smear "+n, sp.Smear, "", sp.Collected, n))
		}
		if sp.Culture != "" {
			refs = append(refs, b.lab("sputum_cultures", "Sputum culture "+n+" (Mycobacterium tuberculosis)", sp.Culture, "", sp.CultureFinal, n))
		}
		if sp.NAAT != "" {
			refs = append(refs, b.lab("mtb_naat", "TB molecular test (NAAT), specimen "+n, sp.NAAT, "", sp.Collected, n))
		}
	}
	if x := b.snap.CXR; x != nil && x.Result != "" {
		refs = append(refs, b.chestXRay(*x))
	}
	return section{title: "Results", loinc: "30954-2", display: "Relevant diagnostic tests/laboratory data", refs: refs,
		empty: "No results recorded."}
}

// lab writes one laboratory Observation; key tells specimens of one step apart.
func (b *builder) lab(step, name, value, unit string, on time.Time, key string) string {
	o := Observation{ResourceType: "Observation", ID: b.id("Observation", "lab/"+step+"/"+key),
		Category: []CodeableConcept{concept(sysObsCategory, "laboratory", "Laboratory")},
		Code:     text(name), Subject: ref(b.patient, ""), Encounter: ref(b.encounter, ""), Status: "final",
		Performer: []Reference{*ref(b.site, b.snap.Site.Name)}}
	if c, ok := LabCodeOf(step); ok {
		o.Code.Coding = []Coding{{System: sysLOINC, Code: c.LOINC, Display: c.Display}}
	}
	if !on.IsZero() {
		o.EffectiveDateTime = date(on)
	} else {
		o.EffectiveDateTime = date(b.snap.ExamDate)
	}
	switch {
	case value == "pending":
		o.Status = "registered" // the culture is growing: no value yet
	case quantity(value, unit) != nil:
		o.ValueQuantity = quantity(value, unit)
		if c, ok := LabCodeOf(step); ok && c.UCUM != "" {
			o.ValueQuantity.System, o.ValueQuantity.Code = sysUCUM, c.UCUM
		}
	default:
		cc := qualitative(value)
		o.ValueCodeableConcept = &cc
	}
	return b.add("Observation", o.ID, o)
}

// quantity reads "70 µmol/L" with its unit; nil when the value is not a number.
func quantity(value, unit string) *Quantity {
	f := strings.Fields(value)
	if len(f) == 0 || unit == "" {
		return nil
	}
	if _, err := strconv.ParseFloat(f[0], 64); err != nil {
		return nil
	}
	return &Quantity{Value: json.Number(f[0]), Unit: unit}
}

// qualitativeCodes are SNOMED CT qualifier values for the clinic's result words.
var qualitativeCodes = map[string][2]string{
	"positive":      {"10828004", "Positive"},
	"negative":      {"260385009", "Negative"},
	"reactive":      {"11214006", "Reactive"},
	"nonreactive":   {"131194007", "Non-Reactive"},
	"detected":      {"260373001", "Detected"},
	"not_detected":  {"260415000", "Not detected"},
	"indeterminate": {"82334004", "Indeterminate"},
	"normal":        {"17621005", "Normal"},
	"abnormal":      {"263654008", "Abnormal"},
}

func qualitative(value string) CodeableConcept {
	words := strings.ReplaceAll(value, "_", " ")
	if c, ok := qualitativeCodes[value]; ok {
		return CodeableConcept{Coding: []Coding{{System: sysSNOMED, Code: c[0], Display: c[1]}}, Text: words}
	}
	return text(words)
}

var cxrWords = map[string]string{
	"normal":           "Normal",
	"suggestive_of_tb": "Abnormal: suggests tuberculosis",
	"inactive_tb":      "Abnormal: suggests inactive tuberculosis",
	"abnormal_not_tb":  "Abnormal: not suggestive of tuberculosis",
}

func (b *builder) chestXRay(x clinic.FormChestXRay) string {
	r := DiagnosticReport{ResourceType: "DiagnosticReport", ID: b.id("DiagnosticReport", "cxr"), Status: "final",
		Category: []CodeableConcept{concept(sysV20074, "RAD", "Radiology")}, Code: text("Chest X-ray"),
		Subject: ref(b.patient, ""), Encounter: ref(b.encounter, ""), Performer: []Reference{*ref(b.site, b.snap.Site.Name)}}
	if !x.Date.IsZero() {
		r.EffectiveDateTime = date(x.Date)
	}
	readers := b.readers(x)
	for _, name := range readers.names {
		r.ResultsInterpreter = append(r.ResultsInterpreter, *ref(b.practitioner("reader", name, ""), name))
	}
	words := cxrWords[x.Result]
	if words == "" {
		words = strings.ReplaceAll(x.Result, "_", " ")
	}
	r.Conclusion = words
	if x.Findings != "" {
		r.Conclusion += ". " + x.Findings
	}
	if len(readers.words) > 0 {
		r.Conclusion += ". Readings: " + strings.Join(readers.words, "; ")
	}
	r.ConclusionCode = []CodeableConcept{{Coding: []Coding{{System: b.url(codeSystemPath("cxr")), Code: x.Result, Display: words}}, Text: words}}
	return b.add("DiagnosticReport", r.ID, r)
}

// xrayReaders are the people who read the chest X-ray (each reading's reader, and the
// teleradiology reader of a report a reading confirms), once each in the order read, and each
// reading in words.
type xrayReaders struct{ names, words []string }

func (b *builder) readers(x clinic.FormChestXRay) xrayReaders {
	var out xrayReaders
	seen := map[string]bool{}
	addName := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out.names = append(out.names, n)
		}
	}
	for _, rd := range b.rec.XRayReadings {
		addName(rd.ReportedBy)
		addName(rd.ReaderName)
		w := rd.Kind + " reading by " + orNotRecorded(rd.ReaderName)
		if rd.ReportedBy != "" {
			w += " (confirming the teleradiology report of " + rd.ReportedBy + ")"
		}
		if rd.Participants != "" {
			w += " with " + rd.Participants
		}
		res := cxrWords[rd.Result]
		if res == "" {
			res = strings.ReplaceAll(rd.Result, "_", " ")
		}
		out.words = append(out.words, w+": "+res)
	}
	if len(out.names) == 0 {
		addName(x.Reader)
	}
	return out
}
