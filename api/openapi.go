package api

import (
	"encoding/json"
	"net/http"
	"reflect"
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

// OpenAPI builds the document: one operation per route, with its roles, body and answer schemas.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, r := range s.routes() {
		p := openAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{"summary": r.Summary, "x-roles": roleNames(r), "responses": responses(r)}
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
				"content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(r.Request))}}}
		}
		paths[p][strings.ToLower(r.Method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": "MHAC clinic API", "version": "1"},
		"paths":   paths,
		"components": map[string]any{"securitySchemes": map[string]any{
			"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie,
				"description": "Writes also need the X-CSRF-Token header from POST /api/session."}}},
	}
}

func roleNames(r route) []string {
	if r.Public {
		return []string{"public"}
	}
	rs := clinic.RolesOf(r.Perm)
	out := make([]string, len(rs))
	for i, x := range rs {
		out[i] = string(x)
	}
	return out
}

func responses(r route) map[string]any {
	ok := map[string]any{"description": "OK"}
	if r.Response != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(r.Response))}}
	}
	problem := map[string]any{"description": "A problem (RFC 9457)", "content": map[string]any{
		"application/problem+json": map[string]any{"schema": schemaOf(reflect.TypeOf(problem{}))}}}
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

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// schemaOf describes a wire type as JSON Schema, following its json tags.
func schemaOf(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem())
		s["nullable"] = true
		return s
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" {
				// An embedded struct's fields are the outer object's own, as encoding/json has it.
				for k, v := range schemaOf(f.Type)["properties"].(map[string]any) {
					props[k] = v
				}
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = schemaOf(f.Type)
		}
		return map[string]any{"type": "object", "properties": props}
	}
	return map[string]any{}
}
