// Package protocols turns each receiving country's medical-examination protocol into data and
// applies it to an applicant's facts.
//
// A protocol version is one YAML file under rules/<country>/<effective date>.yaml: a list of
// rules, each with an id, what it produces (a required step, an outcome code, a treatment, a
// withheld treatment, a form, a validity period or a departure check), a condition written in CEL
// over the facts of protocol-contract.md, a plain-language reason in English and French, and the
// source it comes from with a confidence. Reference lists the rules read (WHO TB incidence,
// Loa loa-endemic countries, sub-Saharan Africa, Australia's hepatitis B low-risk jurisdictions)
// are data files under rules/reference/, each with its source.
//
// Load compiles and type-checks every condition once; a rule file that does not compile, names a
// field that does not exist, repeats a rule id, lacks a source or overlaps another version's dates
// fails to load with the file, the rule id and a message. Evaluate then runs the precompiled
// programs against one applicant's facts; it never panics.
//
// The package is a pure library: no database, no HTTP. It implements clinic.Assessor.
package protocols
