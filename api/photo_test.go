package api_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/mhac-clinic/mhac/internal/clinictest"
)

// jpegOf draws a w×h JPEG (a plain face-coloured field with a gradient, so it compresses like a photo).
func jpegOf(t *testing.T, w, h, quality int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(150 + x%100), uint8(100 + y%120), uint8((x * y) % 256), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type photoOut struct {
	ID      string `json:"id"`
	SHA256  string `json:"sha256"`
	Width   int    `json:"width"`
	Current bool   `json:"current"`
}

// TestPhotoRetakeAndForm stores a photo and a retake (both kept), and finds the current photo
// printed on the signed DS-2054 (pdfimages lists it as a 300×385 JPEG).
func TestPhotoRetakeAndForm(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 5, Worker: true})
	caseID, id := registerOne(t, st, "RW-PHOTO-1")
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	person := cs.Members[0].ID
	first, retake := jpegOf(t, 300, 385, 85), jpegOf(t, 300, 385, 70)
	var p1, p2 photoOut
	if code, raw := reg.UploadFile("/api/applicants/"+person+"/photo", "a.jpg", first, nil, &p1); code != 201 {
		t.Fatalf("photo: %d %s", code, raw)
	}
	if code, raw := reg.UploadFile("/api/applicants/"+person+"/photo", "b.jpg", retake, nil, &p2); code != 201 {
		t.Fatalf("retake: %d %s", code, raw)
	}
	var hist struct {
		Items []photoOut `json:"items"`
		Next  *string    `json:"next"`
	}
	nurse := st.Login(t, "nurse")
	nurse.Must(200, "GET", "/api/applicants/"+person+"/photos", nil, &hist)
	if len(hist.Items) != 2 || hist.Items[0].ID != p2.ID || !hist.Items[0].Current || hist.Items[1].Current || hist.Items[1].SHA256 != p1.SHA256 {
		t.Fatalf("history: %+v", hist)
	}
	img := nurse.Must(200, "GET", "/api/applicants/"+person+"/photo", nil, nil)
	if !bytes.Equal(img, retake) {
		t.Fatal("the current photo is not the retake")
	}

	ch := signWithSteps(t, st, id)
	pdf := nurse.Must(200, "GET", "/api/forms/"+formOf(t, ch, "DS-2054").ID+"/pdf", nil, nil)
	path := filepath.Join(t.TempDir(), "ds2054.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v %s", err, out)
	}
	if !regexp.MustCompile(`(?m)image\s+300\s+385\s+rgb\s+3\s+8\s+jpeg`).Match(out) {
		t.Fatalf("no 300×385 JPEG on the DS-2054:\n%s", out)
	}
}

// signWithSteps records what the plan of a healthy adult asks for and signs (as signedAdult does
// for a person registered there).
func signWithSteps(t *testing.T, st *clinictest.Stack, id string) chartOut {
	t.Helper()
	nurse, doc := st.Login(t, "nurse"), st.Login(t, "physician")
	var ch chartOut
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/history", map[string]any{"version": 1, "answers": []map[string]any{{"code": "fever", "answer": false}}}, &ch)
	nurse.Must(200, "PUT", "/api/assessments/"+id+"/vitals", map[string]any{"version": ch.Version, "height_cm": 160, "weight_kg": 55}, &ch)
	for _, step := range ch.Plan.Pending {
		who, value := st.Login(t, "lab"), "nonreactive"
		if step == "cxr" {
			who, value = st.Login(t, "radiology"), "normal"
		}
		who.Must(200, "POST", "/api/assessments/"+id+"/results", map[string]any{"version": ch.Version, "step": step, "value": value}, &ch)
	}
	doc.Must(200, "PUT", "/api/assessments/"+id+"/classification", map[string]any{"version": ch.Version, "codes": ch.Plan.Outcome.Codes}, &ch)
	doc.Must(200, "POST", "/api/assessments/"+id+"/signoff", map[string]any{"version": ch.Version}, &ch)
	return waitForms(t, doc, ch)
}

// TestPhotoRefusals: every refusal of a photo is a problem with its code, and nothing is stored.
func TestPhotoRefusals(t *testing.T) {
	st := clinictest.New(t, clinictest.Options{RedisDB: 5})
	caseID, _ := registerOne(t, st, "RW-PHOTO-2")
	reg := st.Login(t, "registrar")
	var cs caseOut
	reg.Must(200, "GET", "/api/cases/"+caseID, nil, &cs)
	person := cs.Members[0].ID
	big := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 520<<10)...)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, tc := range []struct {
		name   string
		data   []byte
		status int
		code   string
	}{
		{"a PNG named .jpg", png, 422, "not_jpeg"},
		{"too large", big, 422, "too_large"},
		{"JPEG header, no image", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, 422, "not_jpeg"},
		{"square, not a passport frame", jpegOf(t, 400, 400, 80), 422, "not_passport_frame"},
		{"too small", jpegOf(t, 120, 154, 80), 422, "not_passport_frame"},
		{"empty", nil, 422, "required"},
	} {
		code, raw := reg.UploadFile("/api/applicants/"+person+"/photo", "photo.jpg", tc.data, nil, nil)
		p := clinictest.ProblemOf(t, raw)
		if code != tc.status || p.Code != "validation" || len(p.Errors) != 1 || p.Errors[0].Field != "file" || p.Errors[0].Code != tc.code {
			t.Errorf("%s: %d %s", tc.name, code, raw)
		}
	}
	if code, raw := reg.Do("GET", "/api/applicants/"+person+"/photo", nil, nil); code != 404 || clinictest.ProblemOf(t, raw).Code != "not_found" {
		t.Errorf("no photo yet: %d %s", code, raw)
	}
	good := jpegOf(t, 300, 385, 80)
	if code, raw := st.Login(t, "nurse").UploadFile("/api/applicants/"+person+"/photo", "p.jpg", good, nil, nil); code != 403 || clinictest.ProblemOf(t, raw).Code != "forbidden" {
		t.Errorf("a nurse taking a photo: %d %s", code, raw)
	}
	if code, raw := st.Login(t, "caseworker").Do("GET", "/api/applicants/"+person+"/photo", nil, nil); code != 403 {
		t.Errorf("a caseworker reading a photo: %d %s", code, raw)
	}
	if code, raw := reg.UploadFile("/api/applicants/00000000-0000-4000-8000-000000000000/photo", "p.jpg", good, nil, nil); code != 404 || clinictest.ProblemOf(t, raw).Code != "not_found" {
		t.Errorf("unknown person: %d %s", code, raw)
	}
}
