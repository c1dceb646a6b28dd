package pades

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
)

// document is a parsed PDF: its cross-reference sections merged newest first, and the newest
// trailer. Objects are read on demand.
type document struct {
	data      []byte
	offsets   map[int]xrefEntry // object number -> where its newest version lives
	trailer   *dict             // the newest trailer
	startxref int               // offset of the newest xref section, the /Prev of the next one
	size      int               // the trailer's /Size: the next free object number
	cache     map[ref]object
	ends      map[ref]int // where each cached object's "endobj" part begins: the end of its value
	work      int         // bytes the parser has read so far, for the work budget
	budget    int         // the most bytes the parser may read for this document
	ctx       context.Context
}

type xrefEntry struct {
	offset int
	gen    int
	free   bool
}

// maxSections bounds the /Prev chain; real files have a handful.
const maxSections = 1000

// The parser's work budget: reading a document may parse at most workFactor times its size in
// object bytes, plus workSlack. A real form reads each object once (well under its size in
// total); a file built to make the reader parse one large object over and over runs out.
const (
	workFactor = 4
	workSlack  = 1 << 20
)

// ErrWorkBudget says that a document needed more parsing than any honest PDF of its size.
var ErrWorkBudget = errors.New("the PDF needs more parsing work than its size allows; it is refused")

func parseDocument(data []byte) (*document, error) {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, errors.New("not a PDF: no %PDF- header")
	}
	start, err := findStartxref(data)
	if err != nil {
		return nil, err
	}
	d := &document{data: data, offsets: map[int]xrefEntry{}, startxref: start, cache: map[ref]object{}, ends: map[ref]int{},
		budget: workFactor*len(data) + workSlack, ctx: context.Background()}
	seen := map[int]bool{}
	for off := start; ; {
		if seen[off] || len(seen) >= maxSections {
			return nil, fmt.Errorf("xref sections at byte %d form a loop", off)
		}
		seen[off] = true
		tr, err := d.readSection(off)
		if err != nil {
			return nil, err
		}
		if d.trailer == nil {
			d.trailer = tr
		}
		prev, ok := tr.get("Prev")
		if !ok {
			break
		}
		p, ok := prev.(integer)
		if !ok || p < 0 || int64(p) >= int64(len(data)) {
			return nil, fmt.Errorf("trailer /Prev %v is not an offset in the file", prev)
		}
		off = int(p)
	}
	return d, d.checkTrailer()
}

func (d *document) checkTrailer() error {
	if _, ok := d.trailer.get("Encrypt"); ok {
		return errors.New("encrypted PDFs are not supported")
	}
	size, ok := d.trailer.get("Size")
	if n, isInt := size.(integer); !ok || !isInt || n < 1 || n > 1<<23 {
		return fmt.Errorf("trailer /Size %v is missing or out of range", size)
	}
	d.size = int(size.(integer))
	if _, ok := d.trailer.vals["Root"].(ref); !ok {
		return errors.New("trailer has no /Root reference")
	}
	return nil
}

// findStartxref reads the offset after the last "startxref" keyword.
func findStartxref(data []byte) (int, error) {
	tail := max(0, len(data)-4096)
	i := bytes.LastIndex(data[tail:], []byte("startxref"))
	if i < 0 {
		return 0, errors.New("no startxref near the end of the file")
	}
	p := &parser{data: data, pos: tail + i + len("startxref")}
	off, err := p.uint()
	if err != nil || off >= len(data) {
		return 0, fmt.Errorf("startxref does not give an offset in the file: %v", err)
	}
	return off, nil
}

// readSection reads one classic xref table at off and returns its trailer.
func (d *document) readSection(off int) (*dict, error) {
	p := &parser{data: d.data, pos: off}
	if k := p.keyword(); k != "xref" {
		if _, err := strconv.Atoi(k); err == nil {
			return nil, fmt.Errorf("at byte %d: cross-reference streams are not supported", off)
		}
		return nil, fmt.Errorf("at byte %d: expected an xref table, found %q", off, k)
	}
	for {
		save := p.pos
		if k := p.keyword(); k == "trailer" {
			break
		}
		p.pos = save
		first, err := p.uint()
		if err != nil {
			return nil, fmt.Errorf("xref subsection header: %w", err)
		}
		count, err := p.uint()
		if err != nil {
			return nil, fmt.Errorf("xref subsection header: %w", err)
		}
		// Each entry takes 20 bytes; a count the file cannot hold is corrupt, not a reason to spin.
		if count > (len(d.data)-p.pos)/18 {
			return nil, p.errorf("xref subsection claims %d entries", count)
		}
		for i := 0; i < count; i++ {
			if err := d.readEntry(p, first+i); err != nil {
				return nil, err
			}
		}
	}
	tr, err := p.object(0)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	t, ok := tr.(*dict)
	if !ok {
		return nil, errors.New("trailer is not a dictionary")
	}
	return t, nil
}

func (d *document) readEntry(p *parser, num int) error {
	off, err1 := p.uint()
	gen, err2 := p.uint()
	kind := p.keyword()
	if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
		return p.errorf("malformed xref entry for object %d", num)
	}
	if _, newer := d.offsets[num]; newer {
		return nil
	}
	if kind == "n" && (off <= 0 || off >= len(d.data)) {
		return p.errorf("xref entry for object %d points outside the file", num)
	}
	d.offsets[num] = xrefEntry{offset: off, gen: gen, free: kind == "f"}
	return nil
}

// resolve follows a reference to its object; anything else is returned as it is. A reference to a
// free or missing object is null, as ISO 32000 says.
func (d *document) resolve(o object) (object, error) {
	r, ok := o.(ref)
	if !ok {
		return o, nil
	}
	if v, ok := d.cache[r]; ok {
		return v, nil
	}
	e, ok := d.offsets[r.num]
	if !ok || e.free || e.gen != r.gen {
		return null{}, nil
	}
	if err := d.ctx.Err(); err != nil {
		return nil, err
	}
	p := &parser{data: d.data, pos: e.offset}
	v, err := p.indirect(r)
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", r.num, r.gen, err)
	}
	if err := d.spend(p.pos - e.offset); err != nil {
		return nil, err
	}
	d.cache[r] = v
	d.ends[r] = p.pos
	return v, nil
}

// spend counts n parsed bytes against the document's work budget.
func (d *document) spend(n int) error {
	d.work += n
	if d.work > d.budget {
		return ErrWorkBudget
	}
	return nil
}

// resolveDict resolves o and insists on a dictionary; what names the caller's purpose.
func (d *document) resolveDict(o object, what string) (*dict, error) {
	v, err := d.resolve(o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	dd, ok := v.(*dict)
	if !ok {
		return nil, fmt.Errorf("%s: %w", what, errNotDict)
	}
	return dd, nil
}

// firstPage follows /Root -> /Pages -> /Kids to the first leaf page.
func (d *document) firstPage() (ref, *dict, error) {
	root, err := d.resolveDict(d.trailer.vals["Root"], "catalog")
	if err != nil {
		return ref{}, nil, err
	}
	node, ok := root.vals["Pages"].(ref)
	for depth := 0; ; depth++ {
		if !ok || depth > maxDepth {
			return ref{}, nil, errors.New("page tree has no first page")
		}
		n, err := d.resolveDict(node, "page tree")
		if err != nil {
			return ref{}, nil, err
		}
		if t, _ := n.vals["Type"].(name); t == "Page" {
			return node, n, nil
		}
		kids, err := d.resolve(n.vals["Kids"])
		if err != nil {
			return ref{}, nil, fmt.Errorf("page tree /Kids: %w", err)
		}
		k, isArr := kids.(array)
		if !isArr || len(k) == 0 {
			return ref{}, nil, errors.New("page tree has no first page")
		}
		node, ok = k[0].(ref)
	}
}
