package fhir

import (
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// Immunization is one vaccine dose of the record.
type Immunization struct {
	ResourceType       string           `json:"resourceType"`
	ID                 string           `json:"id"`
	Meta               *Meta            `json:"meta,omitempty"`
	Status             string           `json:"status"`
	VaccineCode        CodeableConcept  `json:"vaccineCode"`
	Patient            *Reference       `json:"patient"`
	Encounter          *Reference       `json:"encounter,omitempty"`
	OccurrenceDateTime string           `json:"occurrenceDateTime"`
	Recorded           string           `json:"recorded,omitempty"`
	PrimarySource      *bool            `json:"primarySource,omitempty"`
	ReportOrigin       *CodeableConcept `json:"reportOrigin,omitempty"`
	Location           *Reference       `json:"location,omitempty"`
	Manufacturer       *Reference       `json:"manufacturer,omitempty"`
	LotNumber          string           `json:"lotNumber,omitempty"`
	Site               *CodeableConcept `json:"site,omitempty"`
	Route              *CodeableConcept `json:"route,omitempty"`
	Performer          []immPerformer   `json:"performer,omitempty"`
	Note               []Annotation     `json:"note,omitempty"`
}

type immPerformer struct {
	Function *CodeableConcept `json:"function,omitempty"`
	Actor    *Reference       `json:"actor"`
}

// ImmunizationRecommendation is CDSi's forecast at the exam.
type ImmunizationRecommendation struct {
	ResourceType   string           `json:"resourceType"`
	ID             string           `json:"id"`
	Patient        *Reference       `json:"patient"`
	Date           string           `json:"date"`
	Authority      *Reference       `json:"authority,omitempty"`
	Recommendation []recommendation `json:"recommendation"`
}

type recommendation struct {
	VaccineCode      []CodeableConcept `json:"vaccineCode,omitempty"`
	TargetDisease    *CodeableConcept  `json:"targetDisease,omitempty"`
	ForecastStatus   CodeableConcept   `json:"forecastStatus"`
	ForecastReason   []CodeableConcept `json:"forecastReason,omitempty"`
	DateCriterion    []dateCriterion   `json:"dateCriterion,omitempty"`
	Series           string            `json:"series,omitempty"`
	DoseNumberString string            `json:"doseNumberString,omitempty"`
}

type dateCriterion struct {
	Code  CodeableConcept `json:"code"`
	Value string          `json:"value"`
}

// HL7 v3 ActSite and RouteOfAdministration codes of the clinic's sites and routes.
var (
	siteCodes = map[string][2]string{
		"left_arm": {"LA", "Left arm"}, "right_arm": {"RA", "Right arm"},
		"left_thigh": {"LT", "Left thigh"}, "right_thigh": {"RT", "Right thigh"},
		"left_gluteal": {"LG", "Left gluteus medius"}, "right_gluteal": {"RG", "Right gluteus medius"},
	}
	routeCodes = map[string][2]string{
		"intramuscular": {"IM", "Injection, intramuscular"}, "subcutaneous": {"SQ", "Injection, subcutaneous"},
		"intradermal": {"IDINJ", "Injection, intradermal"}, "oral": {"PO", "Swallow, oral"},
		"intranasal": {"NASINHL", "Inhalation, nasal"},
	}
)

// immunizations writes every dose on record at sign-off, those entered in error with that
// status, and the forecast.
func (b *builder) immunizations() section {
	var refs []string
	for _, d := range b.rec.Doses {
		refs = append(refs, b.immunization(d))
	}
	if r := b.recommendation(); r != "" {
		refs = append(refs, r)
	}
	return section{title: "Immunizations", loinc: "11369-6", display: "History of Immunization Narrative", refs: refs,
		empty: "No vaccination recorded."}
}

func (b *builder) immunization(d clinic.Dose) string {
	im := Immunization{ResourceType: "Immunization", ID: b.id("Immunization", d.ID),
		Status: "completed", Patient: ref(b.patient, ""), OccurrenceDateTime: date(d.Date), LotNumber: d.Lot,
		VaccineCode: CodeableConcept{Coding: []Coding{{System: sysCVX, Code: d.CVX, Display: b.rec.VaccineNames[d.CVX]}}, Text: b.rec.VaccineNames[d.CVX]}}
	if im.VaccineCode.Text == "" {
		im.VaccineCode.Text = "CVX " + d.CVX
	}
	if !d.RecordedAt.IsZero() {
		im.Recorded = instant(d.RecordedAt)
	}
	here := d.Origin == clinic.OriginClinic
	im.PrimarySource = boolPtr(here)
	if here {
		if d.AssessmentID == b.rec.AssessmentID {
			im.Encounter = ref(b.encounter, "")
		}
		if d.RecordedName != "" {
			im.Performer = []immPerformer{{Function: &CodeableConcept{Coding: []Coding{{System: sysImmFunc, Code: "AP", Display: "Administering Provider"}}},
				Actor: ref(b.practitioner("nurse", d.RecordedName, ""), d.RecordedName)}}
		}
	} else if d.SourceDocument != "" {
		im.ReportOrigin = &CodeableConcept{Text: "Written record: " + d.SourceDocument}
	}
	if d.MVX != "" || d.Manufacturer != "" {
		im.Manufacturer = ref(b.manufacturer(d.MVX, d.Manufacturer), "")
	}
	if c, ok := siteCodes[d.Site]; ok {
		im.Site = &CodeableConcept{Coding: []Coding{{System: sysImmSite, Code: c[0], Display: c[1]}}, Text: c[1]}
	}
	if c, ok := routeCodes[d.Route]; ok {
		im.Route = &CodeableConcept{Coding: []Coding{{System: sysImmRoute, Code: c[0], Display: c[1]}}, Text: c[1]}
	}
	if e := d.InError; e != nil {
		im.Status = "entered-in-error"
		im.Note = []Annotation{{Text: "Entered in error (" + e.ByName + ", " + date(e.At) + "): " + e.Reason}}
	}
	return b.add("Immunization", im.ID, im)
}

// manufacturer adds a vaccine maker, by MVX code when the record has one.
func (b *builder) manufacturer(mvx, name string) string {
	o := Organization{ResourceType: "Organization", ID: b.globalID("Organization", "mvx/"+mvx+"/"+name), Name: name}
	if mvx != "" {
		o.Identifier = []Identifier{{System: sysMVX, Value: mvx}}
	}
	if o.Name == "" {
		o.Name = "MVX " + mvx
	}
	return b.add("Organization", o.ID, o)
}

// forecastCodes map CDSi's status to FHIR's immunization-recommendation-status codes.
var forecastCodes = map[string][2]string{
	"not_complete":    {"due", "Due"},
	"complete":        {"complete", "Complete"},
	"immune":          {"immune", "Immune"},
	"contraindicated": {"contraindicated", "Contraindicated"},
}

func (b *builder) recommendation() string {
	if len(b.rec.Forecast) == 0 {
		return ""
	}
	on := b.snap.ExamDate
	r := ImmunizationRecommendation{ResourceType: "ImmunizationRecommendation", ID: b.id("ImmunizationRecommendation", ""),
		Patient: ref(b.patient, ""), Date: date(on), Authority: ref(b.site, b.snap.Site.Name)}
	for _, f := range b.rec.Forecast {
		rc := recommendation{TargetDisease: &CodeableConcept{Text: f.VaccineGroup}, DoseNumberString: f.DoseNumber,
			ForecastStatus: forecastStatus(f, on)}
		if f.SeriesType != "" {
			rc.Series = f.SeriesType
		}
		for _, v := range f.Vaccines {
			rc.VaccineCode = append(rc.VaccineCode, CodeableConcept{Coding: []Coding{{System: sysCVX, Code: v.CVX, Display: v.Name}}, Text: v.Name})
		}
		for _, why := range f.Reasons {
			rc.ForecastReason = append(rc.ForecastReason, text(why))
		}
		for _, c := range []struct {
			at             *time.Time
			loinc, display string
		}{
			{f.Earliest, "30981-5", "Earliest date to give"},
			{f.Recommended, "30980-7", "Date vaccine due"},
			{f.PastDue, "59778-1", "Date when overdue for immunization"},
			{f.Latest, "59777-3", "Latest date to give immunization"},
		} {
			if c.at != nil {
				rc.DateCriterion = append(rc.DateCriterion, dateCriterion{Code: concept(sysLOINC, c.loinc, c.display), Value: date(*c.at)})
			}
		}
		r.Recommendation = append(r.Recommendation, rc)
	}
	return b.add("ImmunizationRecommendation", r.ID, r)
}

func forecastStatus(f clinic.VaccineForecast, on time.Time) CodeableConcept {
	words := strings.ReplaceAll(f.Status, "_", " ")
	c, ok := forecastCodes[f.Status]
	if f.Status == "not_complete" && f.PastDue != nil && !on.Before(*f.PastDue) {
		c, ok = [2]string{"overdue", "Overdue"}, true
	}
	if !ok {
		return text(words)
	}
	return CodeableConcept{Coding: []Coding{{System: sysForecast, Code: c[0], Display: c[1]}}, Text: words}
}
