package hl7v2

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// report builds an ORU^R01 message with the given segment terminator.
func report(term string, segs ...string) []byte {
	return []byte(strings.Join(segs, term) + term)
}

const (
	msh = `MSH|^~\&|TELERAD|NAIROBI|MHAC|KGL|20261203101500+0300||ORU^R01^ORU_R01|MSG0001|P|2.5`
	pid = `PID|1||A123^^^MHAC||Mukamana^Aline`
	orc = `ORC|RE|ORD1|RXKGL0000001`
	obr = `OBR|1|ORD1|RXKGL0000001|71046^Chest X-ray PA^CPT|||20261203080000|||||||||||||||20261203093000+0200|||F|||||||1234&Otieno&Paul`
)

func TestReadReport(t *testing.T) {
	want := time.Date(2026, 12, 3, 7, 30, 0, 0, time.UTC)
	obx := []string{
		`OBX|1|TX|71046^Chest X-ray||Both lungs clear.||||||F`,
		`OBX|2|TX|71046^Chest X-ray||No cavity\.br\No effusion||||||F`,
		`OBX|3|FT|71046^Chest X-ray||Impression: normal \T\ stable \S\ unchanged \F\ seen \R\ ok \E\ done||||||F`,
		`OBX|4|NM|8310-5^Temp||36.6|Cel|||||F`,
	}
	wantText := "Both lungs clear.\nNo cavity\nNo effusion\nImpression: normal & stable ^ unchanged | seen ~ ok \\ done"
	for name, term := range map[string]string{"CR": "\r", "LF": "\n", "CRLF": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			r, err := ReadReport(report(term, append([]string{msh, pid, orc, obr}, obx...)...))
			if err != nil {
				t.Fatal(err)
			}
			if r.ControlID != "MSG0001" || r.Accession != "RXKGL0000001" || r.Status != "F" || r.Reader != "Paul Otieno" || !r.ReadAt.Equal(want) {
				t.Errorf("got %+v", r)
			}
			if r.Report != wantText {
				t.Errorf("report %q, want %q", r.Report, wantText)
			}
		})
	}
}

// TestEncodingCharacters: a sender with other separators in MSH-1 and MSH-2 is read with them,
// and its escapes (here # as the escape character) decode to its own separators.
func TestEncodingCharacters(t *testing.T) {
	msg := report("\r",
		`MSH*:!#$*TELERAD*NAIROBI*MHAC*KGL*20261203101500**ORU:R01*MSG-77*P*2.5`,
		`OBR*1**RXKGL0000009:FILLER****20261203080000******************C`,
		`OBX*1*TX*X**First line#.br#second: line #F# star #S# colon #E# hash!rep two*****C`,
	)
	r, err := ReadReport(msg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Accession != "RXKGL0000009" || r.Status != "C" || r.ControlID != "MSG-77" {
		t.Errorf("got %+v", r)
	}
	if want := "First line\nsecond: line * star : colon # hash\nrep two"; r.Report != want {
		t.Errorf("report %q, want %q", r.Report, want)
	}
	if !r.ReadAt.Equal(time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("read at %v: OBR-7 without offset is UTC", r.ReadAt)
	}
}

// TestAccessionFromORC: with OBR-3 empty, ORC-3 gives the accession; OBX-11 the status.
func TestAccessionFromORC(t *testing.T) {
	msg := report("\n", msh, `ORC|RE||RXKGL0000002^TELERAD`, `OBR|1|||71046`, `OBX|1|TX|||Clear lungs.||||||P`)
	r, err := ReadReport(msg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Accession != "RXKGL0000002" || r.Status != "P" || r.Reader != "" {
		t.Errorf("got %+v", r)
	}
	if !r.ReadAt.Equal(time.Date(2026, 12, 3, 7, 15, 0, 0, time.UTC)) {
		t.Errorf("read at %v: MSH-7 is the last resort", r.ReadAt)
	}
}

func TestEscapes(t *testing.T) {
	m := &Message{Enc: Encoding{'|', '^', '~', '\\', '&'}}
	cases := []struct{ in, want string }{
		{`a\F\b`, "a|b"}, {`a\S\b`, "a^b"}, {`a\T\b`, "a&b"}, {`a\R\b`, "a~b"}, {`a\E\b`, `a\b`},
		{`a\.br\b`, "a\nb"}, {`\H\bold\N\`, "bold"}, {`\X4142\`, "AB"}, {`open \F`, `open \F`},
		{`\Z99\`, `\Z99\`}, {`\.in+4\x`, "x"}, {`plain`, "plain"}, {`\X41\`, "A"}, {`\XZZ\`, `\XZZ\`},
	}
	for _, c := range cases {
		if got := m.Decode(c.in); got != c.want {
			t.Errorf("Decode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplit(t *testing.T) {
	one := strings.Join([]string{msh, obr, `OBX|1|TX|||one`}, "\r\n")
	two := strings.Join([]string{strings.Replace(msh, "MSG0001", "MSG0002", 1), obr, `OBX|1|TX|||two`}, "\n")
	stream := "\x0b" + one + "\r\n\x1c\r" + "\n\n" + two + "\n"
	msgs := Split([]byte(stream))
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	for i, want := range []string{"MSG0001", "MSG0002"} {
		r, err := ReadReport(msgs[i])
		if err != nil || r.ControlID != want {
			t.Errorf("message %d: %+v, %v", i, r, err)
		}
	}
	if got := Split([]byte("junk line\n" + one)); len(got) != 2 {
		t.Errorf("text before the first MSH must be kept as its own message, got %d", len(got))
	}
}

func TestRefused(t *testing.T) {
	cases := map[string]struct {
		msg  string
		want string
	}{
		"empty":          {"", "empty"},
		"no MSH":         {"PID|1\r", "does not begin with an MSH"},
		"short MSH":      {"MSH|^~\r", "separators"},
		"three encoding": {"MSH|^~\\|A\r", "4 are needed"},
		"same separator": {"MSH|^^\\&|A\r", "different"},
		"not ORU":        {strings.Replace(msh, "ORU^R01", "ADT^A01", 1) + "\r" + obr + "\rOBX|1|TX|||x\r", "only ORU^R01"},
		"no control id":  {strings.Replace(msh, "MSG0001", "", 1) + "\r" + obr + "\r", "MSH-10"},
		"no OBR":         {msh + "\rOBX|1|TX|||x\r", "no OBR"},
		"no accession":   {msh + "\rOBR|1\rOBX|1|TX|||x||||||F\r", "no accession"},
		"bad status":     {msh + "\r" + strings.Replace(obr, "|||F||", "|||X||", 1) + "\rOBX|1|TX|||x\r", "OBR-25"},
		"no text":        {msh + "\r" + obr + "\rOBX|1|NM|||5\r", "no text"},
		"bad time":       {msh + "\r" + strings.Replace(obr, "20261203093000+0200", "20261203T0930", 1) + "\rOBX|1|TX|||x\r", "not an HL7 date"},
		"bad segment":    {msh + "\robr|1\r", "three-letter name"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadReport([]byte(c.msg))
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want a ParseError with %q", err, c.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"202612031015", time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC), true},
		{"20261203101530.25-0500", time.Date(2026, 12, 3, 15, 15, 30, 250_000_000, time.UTC), true},
		{"20261303", time.Time{}, false},
		{"2026120310153", time.Time{}, false},
		{"20261203+02", time.Time{}, false},
		{"20261203.", time.Time{}, false},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in)
		if (err == nil) != c.ok || c.ok && !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %v, %v", c.in, got, err)
		}
	}
}

// BenchmarkReadReport parses one ORU^R01 report of four OBX lines.
func BenchmarkReadReport(b *testing.B) {
	msg := report("\r", msh, pid, orc, obr, `OBX|1|TX|||Both lungs clear.`, `OBX|2|TX|||No cavity\.br\No effusion`, `OBX|3|FT|||Impression \T\ normal`, `OBX|4|TX|||End`)
	for b.Loop() {
		if _, err := ReadReport(msg); err != nil {
			b.Fatal(err)
		}
	}
}
