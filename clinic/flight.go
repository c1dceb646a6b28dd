package clinic

import (
	"regexp"
	"strings"
	"time"
)

// flightRE is a flight designator once normalised: the airline's two-character IATA or
// three-letter ICAO code, one to four digits, and an optional operational suffix letter.
var flightRE = regexp.MustCompile(`^[A-Z0-9]{2,3}[0-9]{1,4}[A-Z]?$`)

// NormalizeFlight makes one spelling of a flight number: upper case, without spaces, dashes or
// leading zeros in the number ("rwa 9b", "RWA-9B" and "RWA009B" are all "RWA9B"). ok is false when
// the result is not a flight designator.
func NormalizeFlight(s string) (string, bool) {
	s = strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s))
	if s == "" {
		return "", true
	}
	if !flightRE.MatchString(s) {
		return s, false
	}
	// The airline code is the first two characters, or three letters; the number follows.
	cut := 2
	if len(s) > 3 && isLetter(s[0]) && isLetter(s[1]) && isLetter(s[2]) {
		cut = 3
	}
	num := strings.TrimLeft(s[cut:], "0")
	if num == "" || !('0' <= num[0] && num[0] <= '9') {
		num = "0" + num
	}
	return s[:cut] + num, true
}

func isLetter(b byte) bool { return 'A' <= b && b <= 'Z' }

// departureInPast reports whether a departure date lies before today in the site's calendar.
func departureInPast(departure time.Time, now time.Time, tz string) bool {
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return departure.Before(today)
}
