package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// unavailabilityRequest puts a vaccine on the site's list of vaccines it cannot routinely get.
type unavailabilityRequest struct {
	Vaccine string `json:"vaccine"` // a DS-3025 line key (rotavirus, hepa, ...) or a CDSi vaccine group (HepA)
	Note    string `json:"note"`    // why, in words (optional)
}

// liftRequest takes a vaccine off the list.
type liftRequest struct {
	Note string `json:"note"` // optional
}

type unavailabilityJSON struct {
	ID       string     `json:"id"`
	Vaccine  string     `json:"vaccine"`
	Note     string     `json:"note"`
	SetOn    string     `json:"set_on"` // the site's date it was set, printed on the DS-3025
	SetBy    string     `json:"set_by"`
	SetAt    time.Time  `json:"set_at"`
	InForce  bool       `json:"in_force"`
	LiftedBy string     `json:"lifted_by"`
	LiftedAt *time.Time `json:"lifted_at"`
	LiftNote string     `json:"lift_note"`
}

type ds3025VaccineJSON struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Group string `json:"group"` // the CDSi vaccine group
}

// availabilityResponse is the site's list (in force first, then lifted; newest first) and the
// vaccines an entry may name: one site's entries, bounded, so a document rather than a paged
// {items, next} list.
type availabilityResponse struct {
	Entries  []unavailabilityJSON `json:"entries"`
	Vaccines []ds3025VaccineJSON  `json:"vaccines"`
	Can      []string             `json:"can"` // manage_vaccine_supply when the user may change the list
}

func toUnavailabilityJSON(u clinic.VaccineUnavailability) unavailabilityJSON {
	return unavailabilityJSON{ID: u.ID, Vaccine: u.Vaccine, Note: u.Note, SetOn: u.SetOn.Format(time.DateOnly), SetBy: u.SetName,
		SetAt: u.SetAt, InForce: u.LiftedAt == nil, LiftedBy: u.LiftedName, LiftedAt: u.LiftedAt, LiftNote: u.LiftNote}
}

// listAvailability answers the site's list of vaccines it cannot routinely get, with its history.
//
// Errors: forbidden, unavailable.
func (s *Server) listAvailability(c *gin.Context) {
	av, err := s.svc.VaccineAvailabilityOf(c.Request.Context(), actor(c))
	if err != nil {
		fail(c, err)
		return
	}
	out := availabilityResponse{Entries: make([]unavailabilityJSON, len(av.Entries)), Vaccines: make([]ds3025VaccineJSON, len(av.Vaccines)),
		Can: supplyCan(actor(c))}
	for i, u := range av.Entries {
		out.Entries[i] = toUnavailabilityJSON(u)
	}
	for i, v := range av.Vaccines {
		out.Vaccines[i] = ds3025VaccineJSON(v)
	}
	c.JSON(http.StatusOK, out)
}

// postUnavailability puts a vaccine on the list from today.
//
// Errors: forbidden, unavailable, validation (vaccine required or unknown, note too long),
// validation duplicate on vaccine (already on the list).
func (s *Server) postUnavailability(c *gin.Context) {
	var req unavailabilityRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := s.svc.SetVaccineUnavailable(c.Request.Context(), actor(c), req.Vaccine, req.Note)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toUnavailabilityJSON(u))
}

// liftUnavailability takes an entry off the list; it stays as lifted.
//
// Errors: forbidden, validation (note too long), not_found (no such entry in force at the site).
func (s *Server) liftUnavailability(c *gin.Context) {
	var req liftRequest
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := s.svc.LiftVaccineUnavailable(c.Request.Context(), actor(c), c.Param("id"), req.Note)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUnavailabilityJSON(u))
}

type stockAlertJSON struct {
	batchJSON
	Low      bool `json:"low"`       // doses left at or below low_doses (0: empty)
	Expiring bool `json:"expiring"`  // expires within expiring_days, doses left
	Expired  bool `json:"expired"`   // past its expiry with doses left
	DaysLeft int  `json:"days_left"` // days to the expiry date, negative once expired
}

// stockAlertSettingsJSON are the list's thresholds.
type stockAlertSettingsJSON struct {
	LowDoses     int `json:"low_doses"`     // a lot with this many doses left or fewer is low (site default 5)
	ExpiringDays int `json:"expiring_days"` // a lot expiring within this many days is expiring soon (site default 30)
}

// stockAlertsResponse is the low-stock and expiring-soon list: bounded by the site's lots, so one
// page.
type stockAlertsResponse struct {
	Lots     []stockAlertJSON       `json:"lots"`
	Today    string                 `json:"today"`
	Settings stockAlertSettingsJSON `json:"settings"` // the thresholds the list was drawn with
	Can      []string               `json:"can"`      // manage_vaccine_supply when the user may change the site's thresholds
}

// listStockAlerts answers the site's vaccine lots low or expiring soon; ?low_doses= and
// ?expiring_days= override the site's thresholds.
//
// Errors: forbidden, validation (a threshold that is not a number, or out of range).
func (s *Server) listStockAlerts(c *gin.Context) {
	var p clinic.Problems
	low, days := queryInt(&p, c, "low_doses"), queryInt(&p, c, "expiring_days")
	if err := p.Err(); err != nil {
		fail(c, err)
		return
	}
	al, err := s.svc.VaccineStockAlerts(c.Request.Context(), actor(c), low, days)
	if err != nil {
		fail(c, err)
		return
	}
	out := stockAlertsResponse{Lots: make([]stockAlertJSON, len(al.Items)), Today: al.Today.Format(time.DateOnly),
		Settings: stockAlertSettingsJSON{LowDoses: al.Settings.LowDoses, ExpiringDays: al.Settings.ExpiryDays}, Can: supplyCan(actor(c))}
	for i, a := range al.Items {
		out.Lots[i] = stockAlertJSON{batchJSON: toBatchJSON(a.Batch), Low: a.Low, Expiring: a.Expiring, Expired: a.Expired, DaysLeft: a.DaysLeft}
	}
	c.JSON(http.StatusOK, out)
}

// putStockAlertSettings sets the site's thresholds.
//
// Errors: forbidden, validation (out of range).
func (s *Server) putStockAlertSettings(c *gin.Context) {
	var req stockAlertSettingsJSON
	if err := bindJSON(c, &req); err != nil {
		fail(c, err)
		return
	}
	st, err := s.svc.SetVaccineStockAlertSettings(c.Request.Context(), actor(c), clinic.StockAlertSettings{LowDoses: req.LowDoses, ExpiryDays: req.ExpiringDays})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, stockAlertSettingsJSON{LowDoses: st.LowDoses, ExpiringDays: st.ExpiryDays})
}

// supplyCan lists what the user may change on the vaccine supply screens.
func supplyCan(a clinic.Actor) []string {
	if a.May(clinic.PermManageVaccineSupply) == nil {
		return []string{string(clinic.PermManageVaccineSupply)}
	}
	return []string{}
}

// queryInt reads an optional whole-number query parameter; nil when absent.
func queryInt(p *clinic.Problems, c *gin.Context, name string) *int {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		p.Add(name, "invalid", "Enter a whole number.")
		return nil
	}
	return &n
}
