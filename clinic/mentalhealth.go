package clinic

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The mental-health screen: the Refugee Health Screener-15 in the person's language, its score
// and cut-off from the instrument's definition (screens/rhs15.json, with its source), the
// physician's assessment, harmful behaviour, and the referral a positive screen needs.

//go:embed screens/rhs15.json
var rhs15JSON []byte

// Screen is a validated screening instrument as its definition file gives it.
type Screen struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Source Source `json:"source"`
	Note   string `json:"note"`
	Scale  struct {
		Min    int                 `json:"min"`
		Max    int                 `json:"max"`
		Labels map[string][]string `json:"labels"`
	} `json:"scale"`
	Items []struct {
		N  int    `json:"n"`
		EN string `json:"en"`
		FR string `json:"fr"`
		RW string `json:"rw"`
	} `json:"items"`
	Thermometer struct {
		N   int    `json:"n"`
		Min int    `json:"min"`
		Max int    `json:"max"`
		EN  string `json:"en"`
		FR  string `json:"fr"`
		RW  string `json:"rw"`
	} `json:"thermometer"`
	Positive struct {
		ItemsSumAtLeast    int    `json:"items_sum_at_least"`
		ThermometerAtLeast int    `json:"thermometer_at_least"`
		Rule               string `json:"rule"`
	} `json:"positive"`
}

// RHS15 is the Refugee Health Screener-15's definition.
var RHS15 = func() Screen {
	var s Screen
	if err := json.Unmarshal(rhs15JSON, &s); err != nil || len(s.Items) == 0 || s.Positive.ItemsSumAtLeast == 0 {
		panic(fmt.Sprintf("clinic: screens/rhs15.json: %v", err))
	}
	return s
}()

// ScreenLanguages are the languages the screen is asked in.
var ScreenLanguages = []string{"en", "fr", "rw"}

// MentalHealth is the mental-health assessment of an exam: the screen and the physician's view.
type MentalHealth struct {
	Instrument  string // rhs15
	Language    string // the language the screen was asked in: en | fr | rw
	Interpreter bool
	Items       []int // items 1–14, each on the scale
	Thermometer int   // item 15
	Score       int   // sum of items 1–14
	Positive    bool
	Assessment  string // the physician's assessment
	// Disorder is the physical or mental disorder the physician diagnoses ("" none); with harmful
	// behaviour the US rules make it Class A, without it Class B.
	Disorder         string
	HarmfulBehaviour bool // current, or past and likely to recur (US Class A/B wording)
	HarmfulDetails   string
	Referral         string // where the person is referred; required when the screen is positive
	RecordedBy       string
	RecordedName     string
	RecordedAt       time.Time
}

// Score scores a screen with the definition's cut-offs.
func (s Screen) Score(items []int, thermometer int) (score int, positive bool) {
	for _, v := range items {
		score += v
	}
	return score, score >= s.Positive.ItemsSumAtLeast || thermometer >= s.Positive.ThermometerAtLeast
}

// RecordMentalHealth saves the screen and the physician's assessment. A positive screen needs a
// referral; harmful behaviour needs its details.
//
// Errors: forbidden, not_found, conflict (a stale version), locked (signed), validation.
func (s *Service) RecordMentalHealth(ctx context.Context, a Actor, id string, version int, m MentalHealth) (Chart, error) {
	if err := a.May(PermRecordMentalHealth); err != nil {
		return Chart{}, err
	}
	m.Instrument = RHS15.Code
	m.Assessment, m.HarmfulDetails, m.Referral = strings.TrimSpace(m.Assessment), strings.TrimSpace(m.HarmfulDetails), strings.TrimSpace(m.Referral)
	m.Disorder = strings.TrimSpace(m.Disorder)
	if err := checkMentalHealth(&m); err != nil {
		return Chart{}, err
	}
	return s.mutate(ctx, a, id, version, ActRecord, "assessment.mental_health", func(tx Tx, ch *Chart, now time.Time) error {
		m.RecordedBy, m.RecordedName, m.RecordedAt = a.UserID, a.Name, now
		ch.Assessment.MentalHealth = &m
		return nil
	})
}

func checkMentalHealth(m *MentalHealth) error {
	var p Problems
	if !contains(ScreenLanguages, m.Language) {
		p.Add("language", "not_allowed", "Use one of "+strings.Join(ScreenLanguages, ", ")+".")
	}
	if len(m.Items) != len(RHS15.Items) {
		p.Add("items", "required", fmt.Sprintf("Answer all %d items.", len(RHS15.Items)))
	}
	for i, v := range m.Items {
		if v < RHS15.Scale.Min || v > RHS15.Scale.Max {
			p.Add(fmt.Sprintf("items[%d]", i), "out_of_range", fmt.Sprintf("Use %d to %d.", RHS15.Scale.Min, RHS15.Scale.Max))
		}
	}
	if m.Thermometer < RHS15.Thermometer.Min || m.Thermometer > RHS15.Thermometer.Max {
		p.Add("thermometer", "out_of_range", fmt.Sprintf("Use %d to %d.", RHS15.Thermometer.Min, RHS15.Thermometer.Max))
	}
	m.Score, m.Positive = RHS15.Score(m.Items, m.Thermometer)
	if m.Positive && m.Referral == "" {
		p.Add("referral", "required", "The screen is positive: say where the person is referred.")
	}
	if m.HarmfulBehaviour && m.HarmfulDetails == "" {
		p.Add("harmful_details", "required", "Describe the harmful behaviour.")
	}
	textField(&p, "assessment", m.Assessment, 4000, false)
	textField(&p, "harmful_details", m.HarmfulDetails, 2000, false)
	textField(&p, "referral", m.Referral, 500, false)
	textField(&p, "disorder", m.Disorder, 500, false)
	return p.Err()
}

// MentalHealthScreen is the screen's definition, for the station that asks it.
//
// Errors: forbidden.
func (s *Service) MentalHealthScreen(a Actor) (Screen, error) {
	if err := a.May(PermRecordMentalHealth); err != nil {
		return Screen{}, err
	}
	return RHS15, nil
}
