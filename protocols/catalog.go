package protocols

import (
	"errors"

	"github.com/mhac-clinic/mhac/clinic"
)

// Catalog shows the engine's rule sets to the API.
type Catalog struct{ E *Engine }

// Summaries lists the rule sets.
func (c Catalog) Summaries() any { return c.E.Sets() }

// Detail is one rule set.
func (c Catalog) Detail(country, version string) (any, error) {
	d, err := c.E.Set(country, version)
	var ie clinic.AssessorInputError
	if errors.As(err, &ie) {
		return nil, clinic.NotFound("protocol " + country + " " + version)
	}
	return d, err
}
