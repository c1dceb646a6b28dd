package pades

import (
	"errors"
	"fmt"
)

// The objects around the signature dictionary: an invisible signature field on the first page,
// listed in the catalog's /AcroForm. A second signature adds a second field beside the first.

// existingFields returns the catalog's current /AcroForm (copied, or new) and its /Fields.
func (d *document) existingFields(catalog *dict) (*dict, array, error) {
	form := newDict()
	if v, ok := catalog.get("AcroForm"); ok {
		f, err := d.resolve(v)
		if err != nil {
			return nil, nil, fmt.Errorf("/AcroForm: %w", err)
		}
		switch f := f.(type) {
		case *dict:
			form = f.clone()
		case null:
		default:
			return nil, nil, errors.New("/AcroForm is not a dictionary")
		}
	}
	var fields array
	if v, ok := form.get("Fields"); ok {
		f, err := d.resolve(v)
		if err != nil {
			return nil, nil, fmt.Errorf("/AcroForm /Fields: %w", err)
		}
		switch f := f.(type) {
		case array:
			fields = append(array(nil), f...)
		case null:
		default:
			return nil, nil, errors.New("/AcroForm /Fields is not an array")
		}
	}
	return form, fields, nil
}

// fieldName picks "SignatureN" not yet used by a top-level field: names must be unique.
func (d *document) fieldName(fields array) string {
	used := map[string]bool{}
	for _, f := range fields {
		if fd, err := d.resolveDict(f, "field"); err == nil {
			if t, ok := fd.vals["T"].(str); ok {
				used[decodeText(t.b)] = true
			}
		}
	}
	for i := 1; ; i++ {
		if n := fmt.Sprintf("Signature%d", i); !used[n] {
			return n
		}
	}
}

// signatureWidget is the merged field and widget annotation: invisible (zero rectangle) and
// flagged Print+Locked (4+128) as PAdES expects of an invisible signature.
func signatureWidget(fieldName string, sig, page ref) *dict {
	w := newDict()
	w.set("Type", name("Annot"))
	w.set("Subtype", name("Widget"))
	w.set("FT", name("Sig"))
	w.set("T", encodeText(fieldName))
	w.set("V", sig)
	w.set("P", page)
	w.set("Rect", array{integer(0), integer(0), integer(0), integer(0)})
	w.set("F", integer(132))
	return w
}

// catalogWithForm is a new version of the catalog whose /AcroForm lists the new field.
func catalogWithForm(catalog, form *dict, fields array, widget ref, header string) *dict {
	form.set("Fields", append(fields, widget))
	form.set("SigFlags", integer(3)) // SignaturesExist + AppendOnly
	c := catalog.clone()
	c.set("AcroForm", form)
	// ETSI.CAdES.detached is declared by the ESIC extension for files older than PDF 2.0.
	ext := newDict()
	if e, ok := c.vals["Extensions"].(*dict); ok {
		ext = e.clone()
	}
	esic := newDict()
	esic.set("BaseVersion", name("1.7"))
	esic.set("ExtensionLevel", integer(2))
	ext.set("ESIC", esic)
	c.set("Extensions", ext)
	if v, ok := c.vals["Version"].(name); header < "1.7" && (!ok || v < "1.7") {
		c.set("Version", name("1.7"))
	}
	return c
}

// addAnnotation puts widget in the page's /Annots: by a new version of the page, or of the
// /Annots array when the page refers to it indirectly.
func (d *document) addAnnotation(u *update, pageRef ref, page *dict, widget ref) error {
	switch a := page.vals["Annots"].(type) {
	case nil, null:
		p := page.clone()
		p.set("Annots", array{widget})
		u.addObject(pageRef, p)
	case array:
		p := page.clone()
		p.set("Annots", append(append(array(nil), a...), widget))
		u.addObject(pageRef, p)
	case ref:
		v, err := d.resolve(a)
		if err != nil {
			return fmt.Errorf("page /Annots: %w", err)
		}
		arr, ok := v.(array)
		if !ok {
			return errors.New("page /Annots is not an array")
		}
		u.addObject(a, append(append(array(nil), arr...), widget))
	default:
		return errors.New("page /Annots is not an array")
	}
	return nil
}

// pdfVersion reads the version from the %PDF-x.y header.
func pdfVersion(data []byte) string {
	p := &parser{data: data}
	for i := 0; i+8 <= len(data) && i < 1024; i++ {
		if string(data[i:i+5]) == "%PDF-" {
			p.pos = i + 5
			return p.keyword()
		}
	}
	return ""
}
