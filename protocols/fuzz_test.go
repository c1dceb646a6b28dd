package protocols

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// FuzzDecodeFacts feeds arbitrary bytes to the facts decoder and, when they decode, to the
// engine: neither may panic, and every refusal must be an *Error with a known code.
func FuzzDecodeFacts(f *testing.F) {
	data, err := os.ReadFile("testdata/protocol-examples.json")
	if err != nil {
		f.Fatal(err)
	}
	var examples []struct{ Facts json.RawMessage }
	if err := json.Unmarshal(data, &examples); err != nil {
		f.Fatal(err)
	}
	for _, ex := range examples {
		f.Add([]byte(ex.Facts))
	}
	f.Add([]byte(`{"destination":"US","program":"refugee","exam_date":"2026-01-01","birth_date":"2026-01-01","findings":{"hiv_infected":true},"results":{"tst_mm":10,"sputum_cultures":["pending"]}}`))
	f.Add([]byte(`{"destination":"AU","program":"temporary","exam_date":"2024-07-01","birth_date":"1900-02-29","pregnant":true,"weight_kg":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"results":{"egfr":"x"}}`))
	e := engine(f)
	codes := []string{CodeInvalidJSON, CodeUnknownField, CodeMissingField, CodeUnknownDestination, CodeUnknownProgram,
		CodeUnknownVersion, CodeNoVersionInForce, CodeInvalidDate, CodeInvalidValue}
	f.Fuzz(func(t *testing.T, in []byte) {
		facts, err := DecodeFacts(in)
		if err == nil {
			_, err = e.Evaluate(context.Background(), "", facts)
		}
		if err == nil {
			return
		}
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("%q: not an input error: %v", in, err)
		}
		if !contains(codes, pe.Code) || pe.Message == "" {
			t.Fatalf("%q: error %+v", in, pe)
		}
	})
}

// FuzzLoadRuleFile gives the rule-file loader arbitrary bytes as nz/2023-03-01.yaml: it must
// not panic, must explain every refusal, and a file it accepts must evaluate without error.
// Run it with -fuzzminimizetime=5s: minimizing a rule file of several kilobytes takes thousands
// of loads, and with the default minutes of minimization the fuzzer seems to stall.
func FuzzLoadRuleFile(f *testing.F) {
	base := rulesFS(f)
	for _, name := range []string{"nz/2023-03-01.yaml", "ca/2020-01-01.yaml", us21} {
		f.Add(base[name].Data)
	}
	f.Add([]byte("country: NZ\nversion: \"2023-03-01\"\neffective: \"2023-03-01\"\nrules: [{id: nz.x, require: cxr, when: 'age >']}\n"))
	f.Add([]byte("country: NZ\nrules:\n  - when: [1, 2]\n"))
	var errs LoadErrors
	refs := loadReference(base, "reference", &errs)
	env, err := baseEnv(refs)
	if err != nil || len(errs) > 0 {
		f.Fatal(err, errs)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs LoadErrors
		set := buildSet(env, refs, "nz/2023-03-01.yaml", data, &errs)
		if set == nil {
			if len(errs) == 0 {
				t.Fatal("refused without a reason")
			}
			for _, e := range errs {
				if e.Message == "" || e.File == "" {
					t.Fatalf("empty error: %+v", e)
				}
			}
			return
		}
		if len(errs) > 0 {
			t.Fatalf("accepted with errors: %v", errs)
		}
		for _, age := range []int{0, 10, 30} {
			for _, p := range set.programs {
				facts, ierr := normalize(applicant("NZ", p, age))
				if ierr != nil {
					t.Fatal(ierr)
				}
				if _, err := set.evaluate(&facts, refs); err != nil {
					t.Fatalf("accepted file fails at evaluation: %v", err)
				}
			}
		}
	})
}
