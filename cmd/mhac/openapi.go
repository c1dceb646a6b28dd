package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/mhac-clinic/mhac/api"
)

func init() {
	register("openapi", "print the API's OpenAPI 3.1 description (the web app's types are generated from it)", runOpenAPI)
}

// runOpenAPI prints the document GET /api/openapi.json serves, indented, with sorted keys, so a
// checked-in copy diffs cleanly. It needs no database.
func runOpenAPI(_ context.Context, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "usage: mhac openapi > frontend/openapi.json")
		return 2
	}
	b, err := json.MarshalIndent(api.Document(), "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "mhac openapi:", err)
		return 1
	}
	os.Stdout.Write(append(b, '\n'))
	return 0
}
