package fhir

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// MedicationAdministration is one presumptive treatment as the nurse recorded it: given, or not
// done (withheld for a contraindication, or refused by the person). A rule's recommendation alone
// is never written as one.
type MedicationAdministration struct {
	ResourceType              string            `json:"resourceType"`
	ID                        string            `json:"id"`
	Identifier                []Identifier      `json:"identifier,omitempty"`
	Status                    string            `json:"status"`
	StatusReason              []CodeableConcept `json:"statusReason,omitempty"`
	Category                  *CodeableConcept  `json:"category,omitempty"`
	MedicationCodeableConcept *CodeableConcept  `json:"medicationCodeableConcept,omitempty"`
	MedicationReference       *Reference        `json:"medicationReference,omitempty"`
	Subject                   *Reference        `json:"subject"`
	Context                   *Reference        `json:"context,omitempty"`
	EffectiveDateTime         string            `json:"effectiveDateTime"`
	Performer                 []medPerformer    `json:"performer,omitempty"`
	Note                      []Annotation      `json:"note,omitempty"`
	Dosage                    *medDosage        `json:"dosage,omitempty"`
}

type medPerformer struct {
	Actor *Reference `json:"actor"`
}

type medDosage struct {
	Text  string           `json:"text,omitempty"`
	Route *CodeableConcept `json:"route,omitempty"`
	Dose  *Quantity        `json:"dose,omitempty"`
}

// Medication is the drug of a dose given, with the lot it was given from.
type Medication struct {
	ResourceType string          `json:"resourceType"`
	ID           string          `json:"id"`
	Code         CodeableConcept `json:"code"`
	Batch        *medBatch       `json:"batch,omitempty"`
}

type medBatch struct {
	LotNumber string `json:"lotNumber,omitempty"`
}

const sysMedAdminCat = "http://terminology.hl7.org/CodeSystem/medication-admin-category"

// SNOMED CT routes of the treatments.
var medRoutes = map[string][2]string{"oral": {"26643006", "Oral route"}}

// UCUM codes of the dose units.
var medUnits = map[string][2]string{"mg": {"mg", "mg"}, "tablet": {"{tablet}", "tablet"}}

// medications writes each treatment record of the exam; the section says when there is none.
func (b *builder) medications() section {
	var refs []string
	for _, t := range b.rec.Treatments {
		refs = append(refs, b.medicationAdministration(t))
	}
	return section{title: "Medication summary", loinc: "10160-0", display: "History of Medication use Narrative", refs: refs,
		empty: "No presumptive treatment was recorded at this exam.", emptyReason: "nilknown"}
}

func drugWords(drug string) string {
	w := strings.ReplaceAll(drug, "_", " ")
	if w == "" {
		return "not recorded"
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

func (b *builder) medicationAdministration(t clinic.TreatmentRecord) string {
	drug := text(drugWords(t.Drug))
	m := MedicationAdministration{ResourceType: "MedicationAdministration", ID: b.id("MedicationAdministration", t.ID),
		Identifier: []Identifier{{System: b.url("/fhir/id/treatment"), Value: t.ID}},
		Category:   &CodeableConcept{Coding: []Coding{{System: sysMedAdminCat, Code: "outpatient", Display: "Outpatient"}}, Text: "Presumptive treatment"},
		Subject:    ref(b.patient, ""), Context: ref(b.encounter, ""), EffectiveDateTime: instant(t.At)}
	if t.RecordedName != "" {
		m.Performer = []medPerformer{{Actor: ref(b.practitioner("nurse", t.RecordedName, ""), t.RecordedName)}}
	}
	if t.Rule != "" {
		m.Note = append(m.Note, Annotation{Text: "Presumptive treatment named by the protocol rule " + t.Rule + "."})
	}
	switch t.Status {
	case clinic.TreatGiven:
		m.Status = "completed"
		med := Medication{ResourceType: "Medication", ID: b.id("Medication", t.ID), Code: drug}
		if t.Lot != "" {
			med.Batch = &medBatch{LotNumber: t.Lot}
		}
		m.MedicationReference = ref(b.add("Medication", med.ID, med), drug.Text)
		m.Dosage = b.dosage(t)
		if t.Observed {
			m.Note = append(m.Note, Annotation{Text: "The nurse saw the dose taken."})
		}
	case clinic.TreatWithheld:
		m.Status = "not-done"
		m.MedicationCodeableConcept = &drug
		why := "Withheld: " + strings.ReplaceAll(t.ReasonCode, "_", " ")
		if t.Reason != "" {
			why += " (" + t.Reason + ")"
		}
		m.StatusReason = []CodeableConcept{text(why)}
	default: // refused
		m.Status = "not-done"
		m.MedicationCodeableConcept = &drug
		why := "Refused by the person"
		if t.Reason != "" {
			why += ": " + t.Reason
		}
		m.StatusReason = []CodeableConcept{{Coding: []Coding{{System: sysSNOMED, Code: "182895007", Display: "Drug declined by patient"}}, Text: why}}
	}
	return b.add("MedicationAdministration", m.ID, m)
}

func (b *builder) dosage(t clinic.TreatmentRecord) *medDosage {
	d := &medDosage{}
	if r, ok := medRoutes[t.Route]; ok {
		c := concept(sysSNOMED, r[0], r[1])
		d.Route = &c
	} else if t.Route != "" {
		c := text(t.Route)
		d.Route = &c
	}
	if t.DoseAmount > 0 {
		q := &Quantity{Value: json.Number(strconv.FormatFloat(t.DoseAmount, 'f', -1, 64)), Unit: t.DoseUnit}
		if u, ok := medUnits[t.DoseUnit]; ok {
			q.System, q.Code, q.Unit = sysUCUM, u[0], u[1]
		}
		d.Dose = q
		d.Text = strconv.FormatFloat(t.DoseAmount, 'f', -1, 64) + " " + t.DoseUnit
		if t.Route != "" {
			d.Text += ", " + t.Route
		}
	}
	return d
}
