package clinic

import (
	"context"
	"sort"
	"strings"
	"time"
)

// VaccineUnavailability says a site cannot routinely get one vaccine, from the day it was set
// until it is lifted. It is never changed or deleted but by lifting; setting the vaccine again
// later is a new entry, so the list keeps its history.
type VaccineUnavailability struct {
	ID         string
	SiteID     string
	Vaccine    string    // a DS-3025 line key (rotavirus, hepa, ...) or a CDSi vaccine group (HepA)
	Note       string    // why, in words: the supplier, the shortage
	SetOn      time.Time // the site's calendar date it was set (00:00 UTC), printed on the DS-3025
	SetBy      string
	SetName    string
	SetAt      time.Time
	LiftedBy   string
	LiftedName string
	LiftedAt   *time.Time
	LiftNote   string
}

// InForceAt reports whether the entry held at t: set by then and not yet lifted.
func (u VaccineUnavailability) InForceAt(t time.Time) bool {
	return !u.SetAt.After(t) && (u.LiftedAt == nil || u.LiftedAt.After(t))
}

// DS3025Vaccine is one vaccine the DS-3025 rule files name: the line key, its name on the
// form, and its CDSi vaccine group.
type DS3025Vaccine struct {
	Key   string
	Name  string
	Group string
}

// VaccineAvailabilityStore holds the sites' lists of vaccines they cannot get.
type VaccineAvailabilityStore interface {
	// AddVaccineUnavailability adds an entry; one already in force for the site and vaccine
	// answers duplicate on the field vaccine.
	AddVaccineUnavailability(ctx context.Context, u VaccineUnavailability) error
	// VaccineUnavailabilityOf lists every entry of a site, in force or lifted, oldest first.
	VaccineUnavailabilityOf(ctx context.Context, siteID string) ([]VaccineUnavailability, error)
	// LiftVaccineUnavailability lifts an entry of the site still in force; otherwise not found.
	LiftVaccineUnavailability(ctx context.Context, siteID, id, by, name, note string, at time.Time) error
}

// VaccineAvailability is a site's list: the entries (newest first, those in force before the
// lifted ones) and the vaccines an entry may name.
type VaccineAvailability struct {
	Entries  []VaccineUnavailability
	Vaccines []DS3025Vaccine
}

// VaccineAvailabilityOf lists the vaccines the caller's site cannot routinely get, with the
// history of the list.
//
// Errors: forbidden, unavailable (vaccination not configured).
func (s *Service) VaccineAvailabilityOf(ctx context.Context, a Actor) (VaccineAvailability, error) {
	if err := a.May(PermReadStock); err != nil {
		return VaccineAvailability{}, err
	}
	if s.immunizer == nil {
		return VaccineAvailability{}, Errorf(EUnavailable, "Vaccination is not configured on this server.")
	}
	out := VaccineAvailability{Vaccines: s.immunizer.DS3025Vaccines()}
	err := s.store.Tx(ctx, func(tx Tx) error {
		all, err := tx.VaccineUnavailabilityOf(ctx, a.SiteID)
		out.Entries = newestInForceFirst(all)
		return err
	})
	return out, err
}

// SetVaccineUnavailable records that the caller's site cannot routinely get a vaccine from
// today: the DS-3025 of its applicants then prints the vaccine, where a dose is due, as "not
// routinely available" with this date, one of the blanket-waiver reasons.
//
// Errors: forbidden, unavailable (vaccination not configured), validation (an unknown vaccine, a
// note too long), duplicate (the vaccine is already on the list).
func (s *Service) SetVaccineUnavailable(ctx context.Context, a Actor, vaccine, note string) (VaccineUnavailability, error) {
	if err := a.May(PermManageVaccineSupply); err != nil {
		return VaccineUnavailability{}, err
	}
	if s.immunizer == nil {
		return VaccineUnavailability{}, Errorf(EUnavailable, "Vaccination is not configured on this server.")
	}
	u := VaccineUnavailability{Vaccine: strings.TrimSpace(vaccine), Note: strings.TrimSpace(note)}
	var p Problems
	known := availabilityVaccines(s.immunizer.DS3025Vaccines())
	switch {
	case u.Vaccine == "":
		p.Add("vaccine", "required", "Choose the vaccine.")
	case !contains(known, u.Vaccine):
		p.Add("vaccine", "unknown", "Use a DS-3025 vaccine or its CDSi vaccine group: "+strings.Join(known, ", ")+".")
	}
	textField(&p, "note", u.Note, 500, false)
	if err := p.Err(); err != nil {
		return VaccineUnavailability{}, err
	}
	err := s.store.Tx(ctx, func(tx Tx) error {
		site, err := tx.SiteByCode(ctx, a.SiteCode)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		u.ID, u.SiteID, u.SetOn = NewID(), a.SiteID, site.Today(now)
		u.SetBy, u.SetName, u.SetAt = a.UserID, a.Name, now
		if err := tx.AddVaccineUnavailability(ctx, u); err != nil {
			if IsCode(err, EDuplicate) {
				return (&Problems{{Field: "vaccine", Code: "duplicate", Message: u.Vaccine + " is already on the site's list; lift it first."}}).Err()
			}
			return err
		}
		return tx.Audit(ctx, s.audit(a, "vaccine_availability.set", "vaccine_unavailability", u.ID))
	})
	return u, err
}

// LiftVaccineUnavailable ends an entry of the caller's site: from now on the vaccine is due
// again where the worksheet asks for it. The entry stays on the list as lifted.
//
// Errors: forbidden, validation (a note too long), not_found (no such entry in force at the site).
func (s *Service) LiftVaccineUnavailable(ctx context.Context, a Actor, id, note string) (VaccineUnavailability, error) {
	if err := a.May(PermManageVaccineSupply); err != nil {
		return VaccineUnavailability{}, err
	}
	note = strings.TrimSpace(note)
	var p Problems
	textField(&p, "note", note, 500, false)
	if err := p.Err(); err != nil {
		return VaccineUnavailability{}, err
	}
	var out VaccineUnavailability
	err := s.store.Tx(ctx, func(tx Tx) error {
		now := s.clock.Now()
		if err := tx.LiftVaccineUnavailability(ctx, a.SiteID, id, a.UserID, a.Name, note, now); err != nil {
			return err
		}
		all, err := tx.VaccineUnavailabilityOf(ctx, a.SiteID)
		if err != nil {
			return err
		}
		for _, u := range all {
			if u.ID == id {
				out = u
			}
		}
		return tx.Audit(ctx, s.audit(a, "vaccine_availability.lift", "vaccine_unavailability", id))
	})
	return out, err
}

// availabilityVaccines are the names an entry may use: each DS-3025 line key and each CDSi
// vaccine group, once.
func availabilityVaccines(vs []DS3025Vaccine) []string {
	var out []string
	for _, v := range vs {
		for _, n := range []string{v.Key, v.Group} {
			if n != "" && !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func newestInForceFirst(all []VaccineUnavailability) []VaccineUnavailability {
	out := append([]VaccineUnavailability(nil), all...)
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].LiftedAt == nil) != (out[j].LiftedAt == nil) {
			return out[i].LiftedAt == nil
		}
		return out[i].SetAt.After(out[j].SetAt)
	})
	return out
}

// unavailableAt keeps the entries in force at t: now for an open chart, the sign-off for a
// signed one, so a signed form states what the record held.
func unavailableAt(all []VaccineUnavailability, t time.Time) []VaccineUnavailability {
	var out []VaccineUnavailability
	for _, u := range all {
		if u.InForceAt(t) {
			out = append(out, u)
		}
	}
	return out
}

// applyAvailability settles a dose due today of a vaccine the site cannot routinely get: the
// line is not medically appropriate, reason "not routinely available" (a blanket-waiver reason
// of the technical instructions), with the date the site set it.
func applyAvailability(ws *DS3025, list []VaccineUnavailability) {
	for i := range ws.Lines {
		l := &ws.Lines[i]
		if l.Status != LineGiveToday {
			continue
		}
		for _, u := range list {
			if u.Vaccine != l.Key && u.Vaccine != l.VaccineGroup {
				continue
			}
			u := u
			l.Status, l.GiveToday, l.ReasonCode = LineNotRequired, false, ReasonNotRoutinelyAvailable
			l.Reason = "Not routinely available at this site since " + u.SetOn.Format(time.DateOnly)
			l.Unavailable = &u
			break
		}
	}
}
