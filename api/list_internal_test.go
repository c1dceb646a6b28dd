package api

import (
	"reflect"
	"testing"

	"github.com/mhac-clinic/mhac/protocols"
	"github.com/mhac-clinic/mhac/workers"
)

// TestAdapterAnswersDescribed checks that the API's descriptions of the adapters' answers (the rule
// sets, the failed jobs) have exactly the adapters' JSON fields, so the OpenAPI document and the
// generated types cannot drift from what is sent.
func TestAdapterAnswersDescribed(t *testing.T) {
	for _, c := range []struct{ described, sent any }{
		{protocolSetJSON{}, protocols.SetSummary{}},
		{failedJobJSON{}, workers.FailedJob{}},
	} {
		d, s := schemaOf(reflect.TypeOf(c.described)), schemaOf(reflect.TypeOf(c.sent))
		if !reflect.DeepEqual(d, s) {
			t.Errorf("%T describes %v but %T sends %v", c.described, d, c.sent, s)
		}
	}
}
