package hl7v2

import (
	"strconv"
	"strings"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
)

// ReadReport reads one ORU^R01 message into the radiology report the clinic imports:
//
//	MSH-10  control id           OBR-3 (else ORC-3)  accession number (filler order number)
//	OBR-25  result status F|P|C (else the first OBX-11)
//	OBR-32  the reading radiologist (ID&Family&Given…)   OBR-22 (else OBR-7, else MSH-7) read at
//	OBX-5   the report: every OBX of value type TX, FT, ST or CE, in order, repetitions and
//	        segments joined by line breaks
//
// A timestamp without an offset is read as UTC.
func ReadReport(data []byte) (clinic.RadiologyReport, error) {
	m, err := Parse(data)
	if err != nil {
		return clinic.RadiologyReport{}, err
	}
	return m.Report()
}

// Report reads a parsed message as an ORU^R01 radiology report.
func (m *Message) Report() (clinic.RadiologyReport, error) {
	var r clinic.RadiologyReport
	msh := m.Segments[0]
	r.ControlID = m.Component(msh, 10, 1, 1)
	if r.ControlID == "" {
		return r, fail("MSH", "MSH-10 (message control id) is empty")
	}
	if typ, ev := m.Component(msh, 9, 1, 1), m.Component(msh, 9, 2, 1); typ != "ORU" || ev != "R01" {
		return r, fail("MSH", "MSH-9 is %q; only ORU^R01 observation reports are read", typ+"^"+ev)
	}
	obr, ok := m.Find("OBR")
	if !ok {
		return r, fail("OBR", "the message has no OBR segment")
	}
	r.Accession = m.Component(obr, 3, 1, 1)
	if r.Accession == "" {
		if orc, ok := m.Find("ORC"); ok {
			r.Accession = m.Component(orc, 3, 1, 1)
		}
	}
	if r.Accession == "" {
		return r, fail("OBR", "no accession number in OBR-3 or ORC-3")
	}
	obxs := m.All("OBX")
	r.Status = m.Component(obr, 25, 1, 1)
	if r.Status == "" && len(obxs) > 0 {
		r.Status = m.Component(obxs[0], 11, 1, 1)
	}
	switch r.Status {
	case "F", "P", "C":
	default:
		return r, fail("OBR", "OBR-25 (result status) is %q; F, P or C is needed", r.Status)
	}
	r.Reader = readerName(m, obr)
	at, err := m.firstTime(obr, msh)
	if err != nil {
		return r, err
	}
	r.ReadAt = at
	var lines []string
	for _, obx := range obxs {
		switch m.Component(obx, 2, 1, 1) {
		case "TX", "FT", "ST", "CE", "":
		default:
			continue
		}
		for _, rep := range m.Repetitions(obx, 5) {
			lines = append(lines, m.Text(rep))
		}
	}
	r.Report = strings.TrimSpace(strings.Join(lines, "\n"))
	if r.Report == "" {
		return r, fail("OBX", "the report has no text (no OBX-5 of type TX, FT, ST or CE)")
	}
	return r, nil
}

// readerName is OBR-32's name: given and family name, else its id.
func readerName(m *Message, obr Segment) string {
	id, family, given := m.Component(obr, 32, 1, 1), m.Component(obr, 32, 1, 2), m.Component(obr, 32, 1, 3)
	name := strings.TrimSpace(given + " " + family)
	if name == "" {
		return id
	}
	return name
}

// firstTime reads OBR-22, else OBR-7, else MSH-7.
func (m *Message) firstTime(obr, msh Segment) (time.Time, error) {
	for _, f := range []struct {
		seg Segment
		n   int
	}{{obr, 22}, {obr, 7}, {msh, 7}} {
		v := m.Component(f.seg, f.n, 1, 1)
		if v == "" {
			continue
		}
		t, err := ParseTime(v)
		if err != nil {
			return time.Time{}, fail(f.seg.Name, "%s-%d: %v", f.seg.Name, f.n, err)
		}
		return t, nil
	}
	return time.Time{}, fail("OBR", "no reading time in OBR-22, OBR-7 or MSH-7")
}

// ParseTime reads an HL7 DTM: YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]; without an offset, UTC.
func ParseTime(v string) (time.Time, error) {
	loc := time.UTC
	if i := strings.IndexAny(v, "+-"); i >= 0 {
		off := v[i+1:]
		if len(off) != 4 {
			return time.Time{}, fail("", "%q has an offset that is not ±HHMM", v)
		}
		h, err1 := strconv.Atoi(off[:2])
		mi, err2 := strconv.Atoi(off[2:])
		if err1 != nil || err2 != nil || h > 14 || mi > 59 {
			return time.Time{}, fail("", "%q has an offset that is not ±HHMM", v)
		}
		secs := h*3600 + mi*60
		if v[i] == '-' {
			secs = -secs
		}
		loc = time.FixedZone("", secs)
		v = v[:i]
	}
	frac := ""
	if i := strings.IndexByte(v, '.'); i >= 0 {
		frac, v = v[i+1:], v[:i]
		if len(frac) == 0 || len(frac) > 4 || strings.Trim(frac, "0123456789") != "" {
			return time.Time{}, fail("", "%q has a bad fraction of a second", v)
		}
	}
	layouts := map[int]string{4: "2006", 6: "200601", 8: "20060102", 10: "2006010215", 12: "200601021504", 14: "20060102150405"}
	layout, ok := layouts[len(v)]
	if !ok || strings.Trim(v, "0123456789") != "" {
		return time.Time{}, fail("", "%q is not an HL7 date and time (YYYYMMDDHHMMSS)", v)
	}
	t, err := time.ParseInLocation(layout, v, loc)
	if err != nil {
		return time.Time{}, fail("", "%q is not a valid date and time", v)
	}
	if frac != "" {
		n, _ := strconv.Atoi((frac + "000000000")[:9])
		t = t.Add(time.Duration(n))
	}
	return t.UTC(), nil
}
