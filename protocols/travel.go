package protocols

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"

	"github.com/mhac-clinic/mhac/clinic"
	"gopkg.in/yaml.v3"
)

// Airlines' limits that the pre-embarkation check applies live in travel/, one YAML file per
// limit, each with its source (they are not a country's protocol, so not in rules/).

//go:embed travel
var travelFiles embed.FS

type pregnancyLimitYAML struct {
	Kind                string     `yaml:"kind"`
	Title               string     `yaml:"title"`
	CertificateFromWeek int        `yaml:"certificate_from_week"`
	SingleMaxWeek       int        `yaml:"single_max_week"`
	MultipleMaxWeek     int        `yaml:"multiple_max_week"`
	Confidence          string     `yaml:"confidence"`
	Source              sourceYAML `yaml:"source"`
}

var pregnancyLimit = sync.OnceValues(func() (clinic.PregnancyLimit, error) {
	return parsePregnancyLimit(travelFiles, "travel/airline-pregnancy.yaml")
})

// PregnancyLimit is the airlines' limit on flying in pregnancy (travel/airline-pregnancy.yaml).
// The Engine offers it to the clinic as a clinic.TravelLimiter.
func (e *Engine) PregnancyLimit() (clinic.PregnancyLimit, error) { return pregnancyLimit() }

func parsePregnancyLimit(fsys fs.FS, name string) (clinic.PregnancyLimit, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return clinic.PregnancyLimit{}, err
	}
	var y pregnancyLimitYAML
	if err := yaml.Unmarshal(data, &y); err != nil {
		return clinic.PregnancyLimit{}, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case y.Kind != "airline_pregnancy_limit":
		return clinic.PregnancyLimit{}, fmt.Errorf("%s: kind %q, want airline_pregnancy_limit", name, y.Kind)
	case y.Source.Doc == "":
		return clinic.PregnancyLimit{}, fmt.Errorf("%s: no source", name)
	case y.CertificateFromWeek <= 0 || y.MultipleMaxWeek < y.CertificateFromWeek || y.SingleMaxWeek < y.MultipleMaxWeek || y.SingleMaxWeek > 42:
		return clinic.PregnancyLimit{}, fmt.Errorf("%s: weeks out of order (certificate %d, multiple %d, single %d)", name,
			y.CertificateFromWeek, y.MultipleMaxWeek, y.SingleMaxWeek)
	}
	src := y.Source.Doc
	if y.Source.Edition != "" {
		src += ", " + y.Source.Edition
	}
	return clinic.PregnancyLimit{CertificateFromWeek: y.CertificateFromWeek, SingleMaxWeek: y.SingleMaxWeek,
		MultipleMaxWeek: y.MultipleMaxWeek, Source: src}, nil
}
