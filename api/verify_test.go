package api_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// manyRefsPDF is the hostile upload of the security review: a form whose fields name one large
// signature dictionary thousands of times.
func manyRefsPDF(refs, contentBytes int) []byte {
	var b bytes.Buffer
	offs := make([]int, 5)
	b.WriteString("%PDF-1.7\n")
	offs[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /AcroForm << /Fields 3 0 R >> >>\nendobj\n")
	offs[2] = b.Len()
	b.WriteString("2 0 obj\n<< /FT /Sig /T (Signature1) /V 4 0 R >>\nendobj\n")
	offs[3] = b.Len()
	b.WriteString("3 0 obj\n[" + strings.Repeat("2 0 R ", refs) + "]\nendobj\n")
	offs[4] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 10] /Contents <%s> >>\nendobj\n",
		strings.Repeat("00", contentBytes/2))
	xref := b.Len()
	b.WriteString("xref\n0 5\n0000000000 65535 f \n")
	for _, o := range offs[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

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
	code, raw = public.Upload(path, manyRefsPDF(20000, 2<<20), &up)
	if code != 200 || up.Matches || !strings.Contains(up.Reason, "not the form") {
		t.Fatalf("the crafted upload: %d %s", code, raw)
	}

	code, raw = public.Upload(path, pdf[:len(pdf)-10], &up)
	if code != 200 || up.Matches {
		t.Fatalf("a truncated form: %d %s", code, raw)
	}
}
