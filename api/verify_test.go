package api_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
	"github.com/mhac-clinic/mhac/pdf/pades/padestest"
)

// TestVerifyUploadHardening checks the public upload: the issued file is recognised by its hash,
// a file over the cap is a 413 problem, and the crafted many-references file is answered (not a
// match, with the signature's problem) rather than keeping a core busy.
func TestVerifyUploadHardening(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 1, Worker: true})
	ch := signedAdult(t, st, "RW-VUP-1")
	f := formOf(t, ch, "DS-2054")
	pdf := st.Login(t, "physician").Must(200, "GET", "/api/forms/"+f.ID+"/pdf", nil, nil)
	public := st.NewClient(t)
	path := "/api/verify/" + token(f)

	var up struct {
		Matches bool
		Reason  string
		Signer  string
	}
	if code, raw := public.Upload(path, pdf, &up); code != 200 || !up.Matches || up.Signer == "" {
		t.Fatalf("the issued form: %d %s", code, raw)
	}

	big := append(append([]byte(nil), pdf...), bytes.Repeat([]byte("%"), 5<<20)...)
	code, raw := public.Upload(path, big, nil)
	if p := clinictest.ProblemOf(t, raw); code != 413 || p.Code != "too_large" || len(p.Errors) != 1 || p.Errors[0].Field != "file" {
		t.Fatalf("a 5 MiB upload: %d %s", code, raw)
	}

	// Without a Content-Length (chunked), the cap holds while the body is read.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "form.pdf")
	w.Write(big)
	mw.Close()
	req, _ := http.NewRequest("POST", st.URL+path, io.MultiReader(&body)) // a plain reader: no length known
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if p := clinictest.ProblemOf(t, raw); resp.StatusCode != 413 || p.Code != "too_large" || req.ContentLength != 0 {
		t.Fatalf("a 5 MiB chunked upload: %d %s", resp.StatusCode, raw)
	}

	up.Matches, up.Reason = true, ""
	code, raw = public.Upload(path, padestest.ManyRefsPDF(20000, 2<<20), &up)
	if code != 200 || up.Matches || !strings.Contains(up.Reason, "not the form") {
		t.Fatalf("the crafted upload: %d %s", code, raw)
	}

	code, raw = public.Upload(path, pdf[:len(pdf)-10], &up)
	if code != 200 || up.Matches {
		t.Fatalf("a truncated form: %d %s", code, raw)
	}
}
