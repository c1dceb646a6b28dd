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
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return f, (&clinic.Problems{{Field: "limit", Code: "not_allowed", Message: "The limit is a whole number from 1."}}).Err()
		}
		f.Limit = n
	}
	return f, nil
}
