package fhir

import "strings"

// Patient is the applicant.
type Patient struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Meta         *Meta        `json:"meta,omitempty"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Name         []HumanName  `json:"name,omitempty"`
	Gender       string       `json:"gender,omitempty"`
	BirthDate    string       `json:"birthDate,omitempty"`
	BirthDateExt *Element     `json:"_birthDate,omitempty"`
}

// Practitioner is the signing physician or a reader.
type Practitioner struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Name         []HumanName  `json:"name,omitempty"`
}

// Organization is the site, or a vaccine manufacturer.
type Organization struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Name         string       `json:"name,omitempty"`
	Alias        []string     `json:"alias,omitempty"`
	Address      []Address    `json:"address,omitempty"`
}

// Encounter is the examination.
type Encounter struct {
	ResourceType    string            `json:"resourceType"`
	ID              string            `json:"id"`
	Identifier      []Identifier      `json:"identifier,omitempty"`
	Status          string            `json:"status"`
	Class           Coding            `json:"class"`
	Type            []CodeableConcept `json:"type,omitempty"`
	Subject         *Reference        `json:"subject"`
	Participant     []participant     `json:"participant,omitempty"`
	Period          *Period           `json:"period,omitempty"`
	ServiceProvider *Reference        `json:"serviceProvider,omitempty"`
}

type participant struct {
	Individual *Reference `json:"individual"`
}

// fileNumberNames are what each receiving country calls the file number.
var fileNumberNames = map[string]string{
	"US": "Alien number (A-number)",
	"CA": "Unique client identifier (UCI)",
	"AU": "HAP ID",
	"NZ": "INZ client number",
}

func (b *builder) patientResource() string {
	ap := b.snap.Applicant
	p := Patient{ResourceType: "Patient", ID: b.id("Patient", ""),
		Gender: gender(ap.Sex), BirthDate: date(ap.BirthDate)}
	p.Identifier = append(p.Identifier, Identifier{Use: "usual", Type: &CodeableConcept{Text: "MHAC applicant"},
		System: b.url("/fhir/id/applicant"), Value: b.rec.ApplicantID})
	if ap.CaseNumber != "" {
		p.Identifier = append(p.Identifier, Identifier{Use: "secondary", Type: &CodeableConcept{Text: "Case number"},
			System: b.url("/fhir/id/case-number"), Value: ap.CaseNumber})
	}
	if ap.DocumentNumber != "" {
		t := &CodeableConcept{Text: documentName(ap.DocumentType)}
		if ap.DocumentType == "passport" {
			t.Coding = []Coding{{System: sysV20203, Code: "PPN", Display: "Passport number"}}
		}
		p.Identifier = append(p.Identifier, Identifier{Use: "official", Type: t,
			System: b.url("/fhir/id/document/" + safeSegment(ap.DocumentType)), Value: ap.DocumentNumber})
	}
	if ap.FileNumber != "" {
		name := fileNumberNames[b.snap.Destination]
		p.Identifier = append(p.Identifier, Identifier{Use: "official", Type: &CodeableConcept{Text: name},
			System: b.url("/fhir/id/file-number/" + strings.ToLower(b.snap.Destination)), Value: ap.FileNumber})
	}
	name := HumanName{Use: "official", Text: strings.TrimSpace(ap.GivenNames + " " + ap.Surnames), Family: ap.Surnames,
		Given: strings.Fields(ap.GivenNames)}
	p.Name = []HumanName{name}
	if ap.BirthDateEstimated {
		p.BirthDateExt = &Element{Extension: []Extension{{URL: extDateAccuracy,
			ValueCoding: &Coding{System: sysDateAccuracy, Code: "EEE", Display: "day, month and year are estimated"}}}}
	}
	return b.add("Patient", p.ID, p)
}

func gender(sex string) string {
	switch sex {
	case "female", "male", "other":
		return sex
	}
	return "unknown"
}

func documentName(t string) string {
	if t == "" {
		return "Identity document"
	}
	s := strings.ReplaceAll(t, "_", " ")
	switch t {
	case "unhcr_id":
		s = "UNHCR identity document"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// safeSegment keeps a code usable in a URL path.
func safeSegment(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, s)
}

func (b *builder) organization() string {
	s := b.snap.Site
	o := Organization{ResourceType: "Organization", ID: b.globalID("Organization", "site"), Name: s.Name,
		Identifier: []Identifier{{System: b.url("/fhir/id/site"), Value: s.Code}}}
	if b.snap.Organisation != "" && b.snap.Organisation != s.Name {
		o.Alias = []string{b.snap.Organisation}
	}
	if s.City != "" || s.Country != "" {
		o.Address = []Address{{City: s.City, Country: s.Country}}
	}
	return b.add("Organization", o.ID, o)
}

// practitioner adds a person by name (and registration number when known), once per name.
func (b *builder) practitioner(role, name, registration string) string {
	p := Practitioner{ResourceType: "Practitioner", ID: b.globalID("Practitioner", role+"/"+name+"/"+registration)}
	if name != "" {
		p.Name = []HumanName{{Text: name}}
	}
	if registration != "" {
		p.Identifier = []Identifier{{Type: &CodeableConcept{Text: "Medical council registration"},
			System: b.url("/fhir/id/physician-registration"), Value: registration}}
	}
	return b.add("Practitioner", p.ID, p)
}

func (b *builder) encounterResource() string {
	e := Encounter{ResourceType: "Encounter", ID: b.id("Encounter", ""), Status: "finished",
		Class:      Coding{System: sysActCode, Code: "AMB", Display: "ambulatory"},
		Type:       []CodeableConcept{text("Migration health assessment (" + destinationName(b.snap.Destination) + ", " + b.snap.Program + ")")},
		Identifier: []Identifier{{System: b.url("/fhir/id/assessment"), Value: b.rec.AssessmentID}},
		Subject:    ref(b.patient, ""), Participant: []participant{{Individual: ref(b.physician, b.snap.Physician.Name)}},
		Period:          &Period{Start: date(b.snap.ExamDate), End: instant(b.snap.SignedAt)},
		ServiceProvider: ref(b.site, b.snap.Site.Name)}
	return b.add("Encounter", e.ID, e)
}

func destinationName(code string) string {
	switch code {
	case "US":
		return "United States"
	case "CA":
		return "Canada"
	case "AU":
		return "Australia"
	case "NZ":
		return "New Zealand"
	}
	return code
}
