package clinic

import (
	"strings"
	"testing"
)

// TestKeptAnswer checks how a key's row is read: a claim not yet answered, an answer with the
// request it answered, and an answer kept before requests were compared.
func TestKeptAnswer(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	claim := decodeKept(encodeKept(KeptAnswer{RequestHash: hash}))
	if claim.Answered || claim.RequestHash != hash {
		t.Errorf("a claim reads as %+v", claim)
	}
	done := decodeKept(encodeKept(KeptAnswer{RequestHash: hash, Answered: true, Answer: []byte("201\n{}")}))
	if !done.Answered || string(done.Answer) != "201\n{}" || done.RequestHash != hash {
		t.Errorf("an answer reads as %+v", done)
	}
	old := decodeKept([]byte("201\n{\"id\":\"x\"}"))
	if !old.Answered || old.RequestHash != "" || string(old.Answer) != "201\n{\"id\":\"x\"}" {
		t.Errorf("an answer kept before reads as %+v", old)
	}
}
