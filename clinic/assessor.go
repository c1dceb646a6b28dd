package clinic

import (
	"context"
	"time"
)

// Assessor applies a receiving country's protocol to an applicant's facts. The protocols
// package implements it; the clinic pins the version an assessment started under and passes it
// back on every later evaluation, so a rule change never rewrites an old assessment's plan.
type Assessor interface {
	// VersionOn returns the version of destination's protocol in force on the given date.
	VersionOn(destination string, on time.Time) (string, error)
	// Evaluate applies the given version of f.Destination's protocol to f. An empty version
	// means the one in force on f.ExamDate.
	Evaluate(ctx context.Context, version string, f Facts) (Plan, error)
}

// AssessorInputError is satisfied by the errors an Assessor returns for bad input (an unknown
// destination, program or version, an invalid date or result value). Use errors.As to tell them
// from internal failures:
//
//	var ie clinic.AssessorInputError
//	if errors.As(err, &ie) { /* 4xx: ie.ErrorCode(), ie.ErrorField() */ }
//
// Codes: unknown_destination, unknown_program, unknown_version (field "version"),
// no_version_in_force (field "exam_date": the date is before the first version), missing_field,
// invalid_date, invalid_value. All are the caller's input (4xx); any other error is internal.
type AssessorInputError interface {
	error
	ErrorCode() string  // stable, snake_case
	ErrorField() string // the facts field at fault, as in the contract ("results.cxr"); may be ""
}
