package fhir

// Condition is one outcome of the classification.
type Condition struct {
	ResourceType       string            `json:"resourceType"`
	ID                 string            `json:"id"`
	VerificationStatus *CodeableConcept  `json:"verificationStatus,omitempty"`
	Category           []CodeableConcept `json:"category,omitempty"`
	Code               CodeableConcept   `json:"code"`
	Subject            *Reference        `json:"subject"`
	Encounter          *Reference        `json:"encounter,omitempty"`
	RecordedDate       string            `json:"recordedDate,omitempty"`
	Recorder           *Reference        `json:"recorder,omitempty"`
	Note               []Annotation      `json:"note,omitempty"`
}

// problems writes one Condition per outcome code of the signed classification, coded in the
// destination's code system.
func (b *builder) problems() section {
	var refs []string
	sys := outcomeSystem(b.snap.Destination)
	for _, o := range b.snap.Outcomes {
		c := Condition{ResourceType: "Condition", ID: b.id("Condition", o.Code),
			VerificationStatus: &CodeableConcept{Coding: []Coding{{System: sysCondVer, Code: "confirmed", Display: "Confirmed"}}},
			Category:           []CodeableConcept{concept(sysCondCat, "encounter-diagnosis", "Encounter Diagnosis")},
			Subject:            ref(b.patient, ""), Encounter: ref(b.encounter, ""),
			RecordedDate: instant(b.snap.SignedAt), Recorder: ref(b.physician, b.snap.Physician.Name)}
		if d, ok := display(sys, o.Code); ok {
			c.Code = CodeableConcept{Coding: []Coding{{System: b.url(codeSystemPath(sys)), Version: codeSystemVersion, Code: o.Code, Display: d}}, Text: d}
		} else {
			c.Code = text(o.Code)
		}
		if o.Text != "" {
			c.Note = []Annotation{{Text: o.Text}}
		}
		refs = append(refs, b.add("Condition", c.ID, c))
	}
	return section{title: "Problem list: classification", loinc: "11450-4", display: "Problem list - Reported", refs: refs,
		empty: "No classification recorded."}
}
