package bulkseed

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// row is one table row read back from the database: its columns and values in order.
type row struct {
	cols []string
	vals []any
}

func (r row) get(col string) any {
	for i, c := range r.cols {
		if c == col {
			return r.vals[i]
		}
	}
	return nil
}

// template is an archetype's rows at one stage.
type template struct {
	kase, applicant, assessment row
	results                     []row
	deps                        map[string][]row // rows of the dependent tables that exist, by table
	queuedAt                    time.Time        // times in the copies keep their distance from this
}

type archKey struct {
	dest, program string
	kind          kind
	stage         Stage
}

// dependents are the tables of a person's records beyond the chart that the copies carry too
// (when the schema has them): consents (without them the panel and the board would show every
// copy as "consent missing"), lab orders (the lab's worklist) and the photo (a US form is not
// issued without it, and every station checks the person against it). The user columns name the
// copy's site's user of that role. The photo (6 KB) is left out of the copies signed long ago
// (Signed: no form of theirs is drawn, no station sees them again), which are most of a large
// seed.
var dependents = []struct {
	table, role string
	notOld      bool // not for the copies signed long ago
}{{"consents", "registrar", false}, {"lab_orders", "nurse", false}, {"applicant_photos", "registrar", true}}

// ErrRefused is what a Maker answers when the clinic refuses a step for a reason of the rules.
var ErrRefused = errors.New("the clinic refused the step")

type archetypes struct {
	byKey map[archKey]*template
}

// at returns the template of the key, or of the nearest earlier stage the archetype reached
// (an archetype whose sign-off the rules refuse stays classified, as a real chart would).
func (a archetypes) at(dest, program string, k kind, st Stage) (*template, Stage) {
	if st == SignedHere {
		st = Classified
	}
	for s := st; s >= Queued; s-- {
		if t := a.byKey[archKey{dest, program, k, s}]; t != nil {
			return t, s
		}
	}
	return nil, st
}

// makeArchetypes walks a person of each destination, programme and kind to each stage through
// the clinic's workflow at the first site, and reads their rows back.
func makeArchetypes(ctx context.Context, m Maker, w *writer, first site) (archetypes, error) {
	a := archetypes{byKey: map[archKey]*template{}}
	today := time.Now().UTC()
	n := 0
	for _, dest := range []string{"US", "CA", "AU", "NZ"} {
		for _, program := range []string{"refugee", "immigrant"} {
			for k := kind(0); k < kinds; k++ {
				birth := time.Date(1985, 5, 5, 0, 0, 0, 0, time.UTC)
				if !k.adult() {
					birth = time.Date(today.Year()-7, 3, 3, 0, 0, 0, 0, time.UTC)
				}
				for st := Queued; st <= Signed; st++ {
					n++
					id, err := m.Make(ctx, fmt.Sprintf("%s-ARCH-%s-%03d", first.Code, today.Format("0102150405"), n), dest, program, k.sex(), birth, st)
					if errors.Is(err, ErrRefused) {
						// The rules do not let this archetype reach the stage (e.g. a sign-off
						// with a step no rule lets wait): its copies stop at the last one reached.
						continue
					}
					if err != nil {
						return a, fmt.Errorf("%s %s %s to %s: %w", dest, program, k, st, err)
					}
					t, err := w.readTemplate(ctx, id)
					if err != nil {
						return a, err
					}
					a.byKey[archKey{dest, program, k, st}] = t
				}
			}
		}
	}
	return a, nil
}

// readTemplate reads an assessment's rows with the case, the person and the results.
func (w *writer) readTemplate(ctx context.Context, assessmentID string) (*template, error) {
	t := &template{}
	var err error
	if t.assessment, err = w.readRow(ctx, "assessments", "id", assessmentID); err != nil {
		return nil, err
	}
	if t.applicant, err = w.readRow(ctx, "applicants", "assessment_id", assessmentID); err != nil {
		return nil, err
	}
	if t.kase, err = w.readRow(ctx, "cases", "id", fmt.Sprint(uuidString(t.applicant.get("case_id")))); err != nil {
		return nil, err
	}
	if t.results, err = w.readRows(ctx, "results", "assessment_id", assessmentID); err != nil {
		return nil, err
	}
	t.deps = map[string][]row{}
	for _, d := range dependents {
		var exists bool
		if err := w.conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", d.table).Scan(&exists); err != nil {
			return nil, err
		}
		if !exists {
			continue
		}
		if t.deps[d.table], err = w.readRows(ctx, d.table, "applicant_id", uuidString(t.applicant.get("id"))); err != nil {
			return nil, err
		}
	}
	q, _ := t.assessment.get("queued_at").(time.Time)
	t.queuedAt = q
	return t, nil
}

func (w *writer) readRow(ctx context.Context, table, col, id string) (row, error) {
	rs, err := w.readRows(ctx, table, col, id)
	if err != nil {
		return row{}, err
	}
	if len(rs) != 1 {
		return row{}, fmt.Errorf("%s where %s = %s: %d rows", table, col, id, len(rs))
	}
	return rs[0], nil
}

func (w *writer) readRows(ctx context.Context, table, col, id string) ([]row, error) {
	// Generated columns (e.g. applicants.name_key) are computed by PostgreSQL and cannot be copied.
	var list string
	if err := w.conn.QueryRow(ctx, `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'`, table).Scan(&list); err != nil {
		return nil, err
	}
	rows, err := w.conn.Query(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s = $1 ORDER BY 1", list, table, col), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for _, f := range rows.FieldDescriptions() {
		cols = append(cols, f.Name)
	}
	var out []row
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, row{cols: cols, vals: v})
	}
	return out, rows.Err()
}
