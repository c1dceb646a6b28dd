package fhir

import (
	"bytes"
	"encoding/json"
	"strings"
)

// jsonOf encodes a resource; narrative XHTML keeps its < and > (JSON allows them).
func jsonOf(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// summary is one line of words for a resource of the document, for a section's narrative.
func (b *builder) summary(fullURL string) string {
	if s, ok := b.words[fullURL]; ok {
		return s
	}
	return fullURL
}

// summarize says a resource in words.
func summarize(body any) string {
	switch r := body.(type) {
	case Immunization:
		s := r.VaccineCode.Text + ", " + r.OccurrenceDateTime
		if r.Status == "entered-in-error" {
			s += " (entered in error)"
		}
		return s
	case ImmunizationRecommendation:
		parts := make([]string, 0, len(r.Recommendation))
		for _, rc := range r.Recommendation {
			parts = append(parts, rc.TargetDisease.Text+": "+rc.ForecastStatus.Text)
		}
		return "Forecast: " + strings.Join(parts, "; ")
	case DiagnosticReport:
		return r.Code.Text + ": " + r.Conclusion
	case DocumentReference:
		return r.Type.Text
	case Condition:
		return r.Code.Text
	case Observation:
		return observationWords(r)
	}
	return ""
}

func observationWords(r Observation) string {
	s := r.Code.Text
	switch {
	case r.ValueQuantity != nil:
		s += ": " + string(r.ValueQuantity.Value) + " " + r.ValueQuantity.Unit
	case r.ValueCodeableConcept != nil:
		s += ": " + r.ValueCodeableConcept.Text
	case len(r.Component) > 0:
		v := make([]string, 0, len(r.Component))
		for _, c := range r.Component {
			if c.ValueQuantity != nil {
				v = append(v, string(c.ValueQuantity.Value))
			}
		}
		s += ": " + strings.Join(v, "/") + " mmHg"
	case r.Status == "registered":
		s += ": pending"
	}
	return s
}
