package api

import (
	"reflect"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// listJSON is the one shape of every list answer: the items, and the opaque cursor of the next
// page ("next", absent on the last page). A client asks for the next page with ?cursor=<next>.
type listJSON[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// listOf wraps a list, never as null.
func listOf[T any](items []T, next string) listJSON[T] {
	if items == nil {
		items = []T{}
	}
	return listJSON[T]{Items: items, Next: next}
}

// anyItems turns a slice held in an interface (an adapter's answer) into items.
func anyItems(v any) []any {
	out := []any{}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return out
	}
	for i := 0; i < rv.Len(); i++ {
		out = append(out, rv.Index(i).Interface())
	}
	return out
}

// caseFilter reads the query of a case list: q, flight, cursor and limit.
func caseFilter(c *gin.Context) (clinic.CaseFilter, error) {
	f := clinic.CaseFilter{Query: c.Query("q"), Flight: c.Query("flight"), Cursor: c.Query("cursor")}
	var p clinic.Problems
	f.Limit = queryLimit(c, &p)
	return f, p.Err()
}

// queryLimit reads a list's ?limit= (0 when absent: the list's own default); anything but a whole
// number from 1 is a problem on the field. The service caps it at the list's largest page.
func queryLimit(c *gin.Context, p *clinic.Problems) int {
	l := c.Query("limit")
	if l == "" {
		return 0
	}
	n, err := strconv.Atoi(l)
	if err != nil || n < 1 {
		p.Add("limit", "not_allowed", "The limit is a whole number from 1.")
		return 0
	}
	return n
}
