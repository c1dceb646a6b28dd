package protocols

import (
	"strings"
	"time"
)

// VersionOn returns the version of destination's protocol in force on the given date.
func (e *Engine) VersionOn(destination string, on time.Time) (string, error) {
	s, err := e.pick(strings.ToUpper(strings.TrimSpace(destination)), "", calendarDate(on))
	if err != nil {
		return "", err
	}
	return s.version, nil
}

// pick returns the named version, or the one in force on the date when version is "".
func (e *Engine) pick(destination, version string, on time.Time) (*ruleSet, *Error) {
	list, ok := e.sets[destination]
	if !ok {
		return nil, inputErr(CodeUnknownDestination, "destination", "unknown destination %q: US, CA, AU or NZ", destination)
	}
	if version != "" {
		for _, s := range list {
			if s.version == version {
				return s, nil
			}
		}
		return nil, inputErr(CodeUnknownVersion, "version", "%s has no protocol version %q (versions: %s)", destination, version, strings.Join(versionsOf(list), ", "))
	}
	for i := len(list) - 1; i >= 0; i-- {
		s := list[i]
		if !s.effective.After(on) {
			if !s.until.IsZero() && s.until.Before(on) {
				break
			}
			return s, nil
		}
	}
	return nil, inputErr(CodeNoVersionInForce, "exam_date", "no %s protocol version is in force on %s (versions: %s)",
		destination, on.Format(time.DateOnly), strings.Join(versionsOf(list), ", "))
}

func versionsOf(list []*ruleSet) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.version
	}
	return out
}
