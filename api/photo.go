package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// photoJSON describes one photo (the image itself is GET /api/applicants/:id/photo).
type photoJSON struct {
	ID         string  `json:"id"`
	SHA256     string  `json:"sha256"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	Size       int     `json:"size"`
	TakenBy    string  `json:"taken_by"`
	TakenAt    string  `json:"taken_at"`
	ReplacedAt *string `json:"replaced_at"`
	Current    bool    `json:"current"`
}

type photosResponse struct {
	Items []photoJSON `json:"items"`
	Next  *string     `json:"next"`
}

func toPhotoJSON(p clinic.Photo) photoJSON {
	j := photoJSON{ID: p.ID, SHA256: p.SHA256, Width: p.Width, Height: p.Height, Size: p.Size, TakenBy: p.TakenBy,
		TakenAt: p.TakenAt.UTC().Format(time.RFC3339), Current: p.ReplacedAt == nil}
	if p.ReplacedAt != nil {
		s := p.ReplacedAt.UTC().Format(time.RFC3339)
		j.ReplacedAt = &s
	}
	return j
}

// postPhoto stores the registrar's photo of a person (multipart field "file", a JPEG).
func (s *Server) postPhoto(c *gin.Context) {
	_, data, ok := readFileField(c, clinic.MaxPhotoBytes, "Send the photo (JPEG, at most 512 KiB) as multipart form field \"file\".")
	if !ok {
		return
	}
	p, err := s.svc.SavePhoto(c.Request.Context(), actor(c), c.Param("id"), data)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toPhotoJSON(p))
}

// getPhoto answers the person's current photo as image/jpeg.
func (s *Server) getPhoto(c *gin.Context) {
	p, err := s.svc.CurrentPhoto(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Header("ETag", `"`+p.SHA256+`"`)
	c.Data(http.StatusOK, "image/jpeg", p.JPEG)
}

// photoHistory lists every photo taken of the person, newest first.
func (s *Server) photoHistory(c *gin.Context) {
	ps, err := s.svc.PhotoHistory(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	out := photosResponse{Items: []photoJSON{}}
	for _, p := range ps {
		out.Items = append(out.Items, toPhotoJSON(p))
	}
	c.JSON(http.StatusOK, out)
}
