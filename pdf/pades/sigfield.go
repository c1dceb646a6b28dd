package pades

import (
	"errors"
	"fmt"
	"time"
)

// signature is one signature dictionary as found in the file, with the byte offsets Verify needs.
type signature struct {
	dict             *dict
	objStart, objEnd int // the dictionary's own bytes
	// /ByteRange [start holeStart-start holeEnd end-holeEnd]: signed are [start, holeStart) and
	// [holeEnd, end).
	start, holeStart, holeEnd, end int
	contents                       []byte
	subFilter                      string
	signedAt                       time.Time
	dateErr                        error // /M present but unreadable
}

func (s *signature) text(k name) string {
	if v, ok := s.dict.vals[k].(str); ok {
		return decodeText(v.b)
	}
	return ""
}

// maxFields bounds the walk of the form's field tree.
const maxFields = 10000

// lastSignature finds the signature fields of the form and returns the signature whose byte
// range reaches furthest into the file: the one applied last.
func (d *document) lastSignature() (*signature, error) {
	catalog, err := d.resolveDict(d.trailer.vals["Root"], "catalog")
	if err != nil {
		return nil, err
	}
	_, fields, err := d.existingFields(catalog)
	if err != nil {
		return nil, err
	}
	var refs []ref
	seen := 0
	var walk func(fields array, ft name, depth int) error
	walk = func(fields array, ft name, depth int) error {
		for _, f := range fields {
			if seen++; seen > maxFields || depth > maxDepth {
				return errors.New("form field tree is too large or too deep")
			}
			fd, err := d.resolveDict(f, "form field")
			if err != nil {
				return err
			}
			fieldType := ft
			if t, ok := fd.vals["FT"].(name); ok {
				fieldType = t
			}
			if v, ok := fd.vals["V"].(ref); ok && fieldType == "Sig" {
				refs = append(refs, v)
			}
			if kids, err := d.resolve(fd.vals["Kids"]); err == nil {
				if k, ok := kids.(array); ok {
					if err := walk(k, fieldType, depth+1); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := walk(fields, "", 0); err != nil {
		return nil, err
	}
	// Many fields may name one signature dictionary: each is read once.
	var last *signature
	read := map[ref]bool{}
	for _, r := range refs {
		if read[r] {
			continue
		}
		read[r] = true
		s, err := d.readSignature(r)
		if err != nil {
			return nil, err
		}
		if last == nil || s.end > last.end || (s.end == last.end && s.objStart > last.objStart) {
			last = s
		}
	}
	if last == nil {
		return nil, errors.New("the document is not signed: no signature field with a value")
	}
	return last, nil
}

func (d *document) readSignature(r ref) (*signature, error) {
	sd, err := d.resolveDict(r, "signature dictionary")
	if err != nil {
		return nil, err
	}
	end, ok := d.ends[r]
	if !ok {
		return nil, errors.New("signature dictionary is not an object of the file")
	}
	s := &signature{dict: sd, objStart: d.offsets[r.num].offset, objEnd: end}
	sf, _ := sd.vals["SubFilter"].(name)
	if sf != "ETSI.CAdES.detached" && sf != "adbe.pkcs7.detached" {
		return nil, fmt.Errorf("signature /SubFilter %q is not supported", sf)
	}
	s.subFilter = string(sf)
	c, ok := sd.vals["Contents"].(str)
	if !ok {
		return nil, errors.New("signature has no /Contents string")
	}
	s.contents = c.b
	br, ok := sd.vals["ByteRange"].(array)
	if !ok || len(br) != 4 {
		return nil, errors.New("signature /ByteRange is not an array of four numbers")
	}
	var n [4]int64
	for i, v := range br {
		x, ok := v.(integer)
		if !ok || x < 0 || int64(x) > int64(len(d.data)) {
			return nil, errors.New("signature /ByteRange is not four offsets within the file")
		}
		n[i] = int64(x)
	}
	if n[0]+n[1] > n[2] || n[2]+n[3] > int64(len(d.data)) || n[1] == 0 {
		return nil, errors.New("signature /ByteRange is not two ordered ranges within the file")
	}
	s.start, s.holeStart, s.holeEnd, s.end = int(n[0]), int(n[0]+n[1]), int(n[2]), int(n[2]+n[3])
	if s.holeEnd-s.holeStart < 2 {
		return nil, errors.New("signature /ByteRange leaves no room for /Contents")
	}
	if m, ok := sd.vals["M"].(str); ok {
		s.signedAt, s.dateErr = parsePDFDate(string(m.b))
	}
	return s, nil
}
