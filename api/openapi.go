package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// openAPI answers the OpenAPI 3.1 description generated from the route table, so it cannot
// drift from the routes.
func (s *Server) openAPI(c *gin.Context) {
	c.JSON(http.StatusOK, s.OpenAPI())
}

// OpenAPI builds the document: one operation per route, with its permission and roles, body and
// answer schemas. Every named Go type of a body or an answer becomes one schema under
// components.schemas (caseJSON → Case, listJSON[caseJSON] → CaseList), so the web app's types can
// be generated from it (frontend/src/api-types.ts).
func (s *Server) OpenAPI() map[string]any { return document(s.routes()) }

// Document is the OpenAPI description of the API, built without a running server (for
// `mhac openapi`).
func Document() map[string]any { return document((&Server{}).routes()) }

func document(routes []route) map[string]any {
	g := &schemaGen{defs: map[string]any{}, names: map[reflect.Type]string{}}
	paths := map[string]map[string]any{}
	for _, r := range routes {
		p := openAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{"summary": r.Summary, "x-roles": roleNames(r), "responses": g.responses(r),
			"operationId": strings.ToLower(r.Method) + operationName(r.Path)}
		if r.Perm != "" {
			op["x-permission"] = string(r.Perm)
		}
		if !r.Public {
			op["security"] = []map[string][]string{{"session": {}}}
		}
		if params := pathParams(r.Path); len(params) > 0 {
			op["parameters"] = params
		}
		if r.Request != nil {
			op["requestBody"] = map[string]any{"required": true,
				"content": map[string]any{"application/json": map[string]any{"schema": g.of(reflect.TypeOf(r.Request))}}}
		}
		paths[p][strings.ToLower(r.Method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": "MHAC clinic API", "version": "1"},
		"paths":   paths,
		"components": map[string]any{
			"schemas": g.defs,
			"securitySchemes": map[string]any{
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie,
					"description": "Writes also need the X-CSRF-Token header from POST /api/session."}}},
	}
}

// operationName turns a path into a name: /api/cases/:id/queue → CasesIdQueue.
func operationName(p string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == ':' || r == '.' || r == '-' }) {
		if part == "api" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func roleNames(r route) []string {
	if r.Public {
		return []string{"public"}
	}
	return roleStrings(clinic.RolesOf(r.Perm))
}

func (g *schemaGen) responses(r route) map[string]any {
	ok := map[string]any{"description": "OK"}
	if r.Response != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.of(reflect.TypeOf(r.Response))}}
	}
	problem := map[string]any{"description": "A problem (RFC 9457)", "content": map[string]any{
		"application/problem+json": map[string]any{"schema": g.of(reflect.TypeOf(problem{}))}}}
	return map[string]any{"200": ok, "default": problem}
}

// openAPIPath turns Gin's :param into OpenAPI's {param}.
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func pathParams(p string) []map[string]any {
	var out []map[string]any
	for _, s := range strings.Split(p, "/") {
		if strings.HasPrefix(s, ":") {
			out = append(out, map[string]any{"name": s[1:], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
	}
	return out
}

// enums are the string types whose values are a closed list.
var enums = map[reflect.Type][]string{
	reflect.TypeOf(clinic.Role("")): roleStrings(clinic.Roles),
	reflect.TypeOf(clinic.FormStatus("")): {string(clinic.FormPending), string(clinic.FormValid),
		string(clinic.FormSuperseded), string(clinic.FormRevoked), string(clinic.FormFailed)},
}

func roleStrings(rs []clinic.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// schemaGen describes wire types as JSON Schema, following their json tags, and keeps each named
// struct once under components.schemas.
type schemaGen struct {
	defs  map[string]any
	names map[reflect.Type]string
}

// schemaOf describes one type on its own, every struct inline (for comparing two types' fields).
func schemaOf(t reflect.Type) map[string]any {
	return (&schemaGen{}).inline(t)
}

// of returns the schema of a type: a $ref for a named struct or enum, the schema itself otherwise.
func (g *schemaGen) of(t reflect.Type) map[string]any {
	_, enum := enums[t]
	if (enum || t.Kind() == reflect.Struct && t.Name() != "" && t != timeType) && g.defs != nil {
		name, ok := g.names[t]
		if !ok {
			name = g.nameOf(t)
			g.names[t] = name
			g.defs[name] = map[string]any{} // a placeholder while the fields are described
			g.defs[name] = g.inline(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return g.inline(t)
}

// nameOf is the schema name of a Go type: caseJSON → Case, listJSON[caseJSON] → CaseList.
func (g *schemaGen) nameOf(t reflect.Type) string {
	n := t.Name()
	suffix := ""
	if i := strings.IndexByte(n, '['); i > 0 {
		arg := n[i+1 : len(n)-1]
		if j := strings.LastIndexByte(arg, '.'); j >= 0 {
			arg = arg[j+1:]
		}
		n, suffix = arg, "List"
	}
	n = strings.TrimSuffix(n, "JSON")
	name := strings.ToUpper(n[:1]) + n[1:] + suffix
	for i := 2; ; i++ {
		if _, taken := g.defs[name]; !taken {
			return name
		}
		name = strings.ToUpper(n[:1]) + n[1:] + suffix + strconv.Itoa(i)
	}
}

func (g *schemaGen) inline(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	if values, ok := enums[t]; ok {
		return map[string]any{"type": "string", "enum": values}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.of(t.Elem()))
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		g.fields(t, props, &required)
		sort.Strings(required)
		out := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			out["required"] = required
		}
		return out
	}
	return map[string]any{}
}

// fields adds a struct's JSON fields: embedded structs' fields are the outer object's own, as
// encoding/json has it; a field without omitempty is always sent, so it is required. The fields
// of an embedded pointer are sent only when it is set (a part some readers do not get), so they
// are optional.
func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
			var optional []string
			g.fields(f.Type.Elem(), props, &optional)
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.of(f.Type)
		if !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}

// nullable lets a schema also be null (a Go pointer), in OpenAPI 3.1's way.
func nullable(s map[string]any) map[string]any {
	if typ, ok := s["type"].(string); ok {
		out := map[string]any{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = []string{typ, "null"}
		return out
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}
