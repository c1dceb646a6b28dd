package clinic

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// The TB regimens and their doses by weight band are data (data/dot_regimens.json, with its
// source); this file only reads them and picks the band that holds a weight.
//
//go:embed data/dot_regimens.json
var dotRegimensJSON []byte

// DOTRegimen is one treatment regimen: its phases, one after the other.
type DOTRegimen struct {
	Code    string     `json:"code"`
	Label   string     `json:"label"`
	LabelFR string     `json:"label_fr"`
	Phases  []DOTPhase `json:"phases"`
}

// DOTPhase is one phase of a regimen: a number of daily doses of one product.
type DOTPhase struct {
	Phase   string    `json:"phase"`
	Days    int       `json:"days"`
	Drug    string    `json:"drug"`
	Product string    `json:"product"`
	Unit    string    `json:"unit"`
	Bands   []DOTBand `json:"bands"`
}

// DOTBand is the daily dose for a weight from MinKg up to (not including) BelowKg.
type DOTBand struct {
	MinKg   float64 `json:"min_kg"`
	BelowKg float64 `json:"below_kg"`
	Dose    float64 `json:"dose"`
}

// DOTFollowup is how often sputum is checked during treatment.
type DOTFollowup struct {
	EveryDays int    `json:"every_days"`
	What      string `json:"what"`
	Source    Source `json:"source"`
}

type dotData struct {
	Source   Source       `json:"source"`
	Followup DOTFollowup  `json:"followup"`
	Regimens []DOTRegimen `json:"regimens"`
}

var dotRegimens = mustDOTData()

func mustDOTData() dotData {
	var d dotData
	if err := json.Unmarshal(dotRegimensJSON, &d); err != nil {
		panic("clinic: data/dot_regimens.json: " + err.Error())
	}
	if len(d.Regimens) == 0 || d.Source.Doc == "" || d.Followup.EveryDays <= 0 {
		panic("clinic: data/dot_regimens.json names no regimen, source or follow-up")
	}
	return d
}

// DOTRegimens lists the regimens a course may follow, and the source of their doses.
func DOTRegimens() ([]DOTRegimen, Source) { return dotRegimens.Regimens, dotRegimens.Source }

// DOTRegimenList is the regimens for the screen that starts a course.
//
// Errors: forbidden.
func (s *Service) DOTRegimenList(a Actor) ([]DOTRegimen, Source, error) {
	if err := a.May(PermObserveDOT); err != nil {
		return nil, Source{}, err
	}
	regs, src := DOTRegimens()
	return regs, src, nil
}

// Days is the number of daily doses of the whole regimen.
func (r DOTRegimen) Days() int {
	n := 0
	for _, p := range r.Phases {
		n += p.Days
	}
	return n
}

func dotRegimen(code string) (DOTRegimen, bool) {
	for _, r := range dotRegimens.Regimens {
		if r.Code == code {
			return r, true
		}
	}
	return DOTRegimen{}, false
}

// dotDrugs gives each phase's product and daily dose for a weight, or says why it cannot.
func dotDrugs(r DOTRegimen, weightKg float64) ([]DOTDrug, string, bool) {
	var out []DOTDrug
	var basis []string
	from := 1
	for _, p := range r.Phases {
		var band *DOTBand
		for i, b := range p.Bands {
			if weightKg >= b.MinKg && weightKg < b.BelowKg {
				band = &p.Bands[i]
			}
		}
		if band == nil {
			return nil, "", false
		}
		out = append(out, DOTDrug{Phase: p.Phase, Drug: p.Drug, Product: p.Product, Dose: band.Dose, Unit: p.Unit,
			FromDay: from, ToDay: from + p.Days - 1})
		basis = append(basis, fmt.Sprintf("%s: %g-%g kg band", p.Drug, band.MinKg, band.BelowKg))
		from += p.Days
	}
	return out, strings.Join(basis, "; "), true
}
