package bulkseed

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Proportions of a year of resettlement and immigration assessments at IOM's centres (rounded,
// for load and scale tests; not clinical data): destinations, programmes and family sizes.
var (
	destinationShare = []weighted[string]{{"US", 40}, {"CA", 35}, {"AU", 15}, {"NZ", 10}}
	refugeeShare     = 80 // per hundred cases; the rest are immigrants
	familySizeShare  = []weighted[int]{{1, 30}, {2, 15}, {3, 15}, {4, 15}, {5, 12}, {6, 8}, {7, 5}}
	nationalityShare = []weighted[string]{{"CD", 35}, {"BI", 15}, {"SO", 10}, {"SS", 10}, {"ER", 8}, {"AF", 8}, {"SY", 7}, {"RW", 7}}
)

// Names in Latin letters, as travel documents write them.
var (
	surnames    = []string{"Habimana", "Mukamana", "Niyonsaba", "Uwase", "Ndayisaba", "Iradukunda", "Hakizimana", "Umutoni", "Bizimana", "Nshimiyimana", "Kabila", "Mbuyi", "Tshibanda", "Ilunga", "Ndikumana", "Nduwimana", "Hassan", "Abdi", "Warsame", "Deng", "Garang", "Tesfaye", "Haile", "Ahmadi", "Rahimi", "Haidari", "Khalil", "Haddad", "Mansour", "Kayitesi"}
	givenFemale = []string{"Aline", "Claudine", "Solange", "Divine", "Esther", "Grace", "Josiane", "Amina", "Fadumo", "Nyandeng", "Mebrat", "Zahra", "Layla", "Furaha", "Neema", "Chantal"}
	givenMale   = []string{"Jean", "Patrick", "Eric", "Emmanuel", "Innocent", "Olivier", "Mohamed", "Abdullahi", "Deng", "Tesfay", "Ahmad", "Omar", "Yusuf", "Pacifique", "Fabrice", "Claude"}
)

type weighted[T any] struct {
	v T
	w int
}

func pick[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.v
		}
		n -= w.w
	}
	return ws[len(ws)-1].v
}

// kind is an archetype's kind of person.
type kind int

const (
	adultMale kind = iota
	adultFemale
	girl
	boy
	kinds = 4
)

func (k kind) adult() bool { return k == adultMale || k == adultFemale }
func (k kind) sex() string {
	if k == adultFemale || k == girl {
		return "female"
	}
	return "male"
}

// member is one generated person of a family.
type member struct {
	kind         kind
	relationship string
	given        string
	birth        time.Time
	estimated    bool
}

// family is one generated case.
type family struct {
	site        int
	destination string
	program     string
	nationality string
	surname     string
	examDate    time.Time
	stage       Stage
	members     []member
}

// newFamily draws a case examined daysAgo days before today.
func newFamily(r *rand.Rand, sites int, today time.Time, daysAgo int, recent int) family {
	f := family{site: r.IntN(sites), destination: pick(r, destinationShare), program: "immigrant",
		nationality: pick(r, nationalityShare), surname: surnames[r.IntN(len(surnames))],
		examDate: today.AddDate(0, 0, -daysAgo)}
	if r.IntN(100) < refugeeShare {
		f.program = "refugee"
	}
	f.stage = stageFor(r, daysAgo, recent)
	size := pick(r, familySizeShare)
	for i := range size {
		m := member{relationship: "child", kind: []kind{girl, boy}[r.IntN(2)]}
		switch {
		case i == 0:
			m.relationship, m.kind = "principal", []kind{adultMale, adultFemale}[r.IntN(2)]
		case i == 1 && size > 2:
			m.relationship, m.kind = "spouse", adultFemale
			if f.members[0].kind == adultFemale {
				m.kind = adultMale
			}
		}
		age := 18 + r.IntN(45)
		if !m.kind.adult() {
			// Children from 5 to 10: one age band in every country's rules, so the archetype's plan holds.
			age = 5 + r.IntN(6)
		}
		m.birth = f.examDate.AddDate(-age, -r.IntN(12), -r.IntN(28))
		m.estimated = r.IntN(10) == 0
		if m.kind.sex() == "female" {
			m.given = givenFemale[r.IntN(len(givenFemale))]
		} else {
			m.given = givenMale[r.IntN(len(givenMale))]
		}
		f.members = append(f.members, m)
	}
	return f
}

// stageFor: the day's queue is at every stage; the last fortnight is mostly signed with some
// waiting for results or the physician; older assessments are signed.
func stageFor(r *rand.Rand, daysAgo, recent int) Stage {
	n := r.IntN(100)
	switch {
	case daysAgo == 0:
		return pick(r, []weighted[Stage]{{Queued, 40}, {Examined, 30}, {Resulted, 20}, {Classified, 10}})
	case daysAgo <= 14 && n < 20:
		return Resulted
	case daysAgo <= 14 && n < 30:
		return Classified
	case daysAgo < recent:
		return SignedHere // signed through the clinic's own sign-off, so the worker draws the forms
	}
	return Signed
}

func (k kind) String() string { return [...]string{"adult man", "adult woman", "girl", "boy"}[k] }

func caseNumber(site string, n int) string { return fmt.Sprintf("%s-BULK-%07d", site, n) }
