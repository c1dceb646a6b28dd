package clinictest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"
)

// Client is one logged-in browser: it keeps the session cookie and sends the CSRF token.
type Client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
	// Header is sent with every request (e.g. If-Match, Idempotency-Key); reset it yourself.
	Header http.Header
	// LastHeader holds the headers of the last answer.
	LastHeader http.Header
}

// NewClient returns a client without a session.
func (st *Stack) NewClient(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, base: st.URL, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, Header: http.Header{}}
}

// Login returns a client logged in as username.
func (st *Stack) Login(t testing.TB, username string) *Client {
	t.Helper()
	c := st.NewClient(t)
	var out struct {
		CSRFToken string `json:"csrf_token"`
	}
	if code, body := c.Do("POST", "/api/session", map[string]string{"username": username, "password": Password}, &out); code != 200 {
		t.Fatalf("login %s: %d %s", username, code, body)
	}
	c.csrf = out.CSRFToken
	return c
}

// LoginWith logs in with a password and a second-factor code; it returns the client (logged
// in when the status is 200), the status and the body.
func (st *Stack) LoginWith(t testing.TB, username, password, code string) (*Client, int, []byte) {
	t.Helper()
	c := st.NewClient(t)
	var out struct {
		CSRFToken string `json:"csrf_token"`
	}
	status, body := c.Do("POST", "/api/session", map[string]string{"username": username, "password": password, "code": code}, &out)
	c.csrf = out.CSRFToken
	return c, status, body
}

// Do sends a JSON request (body may be nil, a value to encode, or raw []byte) and decodes a 2xx
// answer into out when out is not nil. It returns the status and the raw body.
func (c *Client) Do(method, path string, body any, out any) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req, out)
}

// Upload posts a file as multipart field "file".
func (c *Client) Upload(path string, file []byte, out any) (int, []byte) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", "form.pdf")
	w.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, out)
}

// UploadFile posts a file as multipart field "file" under its name, with more form fields.
func (c *Client) UploadFile(path, name string, file []byte, fields map[string]string, out any) (int, []byte) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	w, _ := mw.CreateFormFile("file", name)
	w.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, out)
}

func (c *Client) send(req *http.Request, out any) (int, []byte) {
	c.t.Helper()
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	for k, v := range c.Header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	c.LastHeader = resp.Header
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode/100 == 2 {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: decode %T: %v\n%s", req.Method, req.URL.Path, out, err, raw)
		}
	}
	return resp.StatusCode, raw
}

// Must is Do that fails the test unless the status is want.
func (c *Client) Must(want int, method, path string, body any, out any) []byte {
	c.t.Helper()
	code, raw := c.Do(method, path, body, out)
	if code != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, code, want, raw)
	}
	return raw
}

// Cookie returns the session cookie, for requests made outside the client.
func (c *Client) Cookie() *http.Cookie {
	u, _ := url.Parse(c.base)
	for _, k := range c.http.Jar.Cookies(u) {
		if k.Name == "mhac_session" {
			return k
		}
	}
	c.t.Fatal("the client has no session cookie")
	return nil
}

// DropCSRF forgets the CSRF token, to test that writes need it.
func (c *Client) DropCSRF() { c.csrf = "" }

// Problem is a decoded problem+json answer.
type Problem struct {
	Code           string `json:"code"`
	Status         int    `json:"status"`
	Detail         string `json:"detail"`
	CurrentVersion int    `json:"current_version"`
	Errors         []struct {
		Field, Code, Message string
	} `json:"errors"`
}

// ProblemOf decodes a problem body.
func ProblemOf(t testing.TB, raw []byte) Problem {
	t.Helper()
	var p Problem
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("not a problem document: %v: %s", err, raw)
	}
	return p
}

// String shows a problem in test failures.
func (p Problem) String() string {
	return fmt.Sprintf("%d %s: %s %v", p.Status, p.Code, p.Detail, p.Errors)
}
