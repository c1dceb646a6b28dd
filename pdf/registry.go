package pdf

// formSpec describes one form: its id, its title, what official form it is drawn after, its
// paper and date style, and the function that draws its body.
type formSpec struct {
	id     string
	title  string
	basis  string
	letter bool // US Letter; otherwise A4
	dates  dateStyle
	draw   func(*doc) error
}

// formOrder lists the form ids in the order FormTypes returns them. Which forms an assessment
// needs is the protocol engine's answer (clinic.Plan.Forms); this package only draws them.
var formOrder = []formSpec{
	ds2054, ds3025, ds3026, ds3030,
	imm1017,
	au501, au502, au707,
	inz1007, inz1096,
	pec, medif,
}

var registry = func() map[string]formSpec {
	m := make(map[string]formSpec, len(formOrder))
	for _, f := range formOrder {
		m[f.id] = f
	}
	return m
}()

// FormTypes lists the form ids Render draws.
func FormTypes() []string {
	ids := make([]string, len(formOrder))
	for i, f := range formOrder {
		ids[i] = f.id
	}
	return ids
}
