package clinic

import "testing"

func TestNext(t *testing.T) {
	cases := []struct {
		from State
		act  Action
		want State
		code ErrorCode
	}{
		{StateQueued, ActRecord, StateInExam, ""},
		{StateInExam, ActRecord, StateInExam, ""},
		{StateInExam, ActSign, StateSigned, ""},
		{StateQueued, ActPECFit, StateQueued, EInvalidState},
		{StateInExam, ActAddendum, StateInExam, EInvalidState},
		{StateSigned, ActRecord, StateSigned, ELocked},
		{StateSigned, ActSign, StateSigned, EInvalidState},
		{StateSigned, ActPECFit, StateFitToTravel, ""},
		{StateSigned, ActPECUnfit, StateNotFit, ""},
		{StateNotFit, ActPECFit, StateFitToTravel, ""},
		{StateFitToTravel, ActPECUnfit, StateNotFit, ""},
		{StateFitToTravel, ActRecord, StateFitToTravel, ELocked},
		{StateFitToTravel, ActAddendum, StateFitToTravel, ""},
	}
	for _, c := range cases {
		got, err := Next(c.from, c.act)
		if got != c.want || (c.code == "" && err != nil) || (c.code != "" && !IsCode(err, c.code)) {
			t.Errorf("Next(%s, %s) = %s, %v; want %s, %q", c.from, c.act, got, err, c.want, c.code)
		}
	}
}

func TestEveryStateHasWords(t *testing.T) {
	for from, acts := range transitions {
		if from.Label() == "" {
			t.Errorf("state %s has no label", from)
		}
		for act, to := range acts {
			if to.Label() == "" || actionWords[act] == "" {
				t.Errorf("%s --%s--> %s lacks words", from, act, to)
			}
		}
	}
}
