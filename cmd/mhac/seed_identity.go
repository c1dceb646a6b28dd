package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strconv"
	"strings"

	"github.com/mhac-clinic/mhac/clinic"
)

// registerSeedCase registers a demo case. The demo's generated people may resemble people already
// registered (the same names recur): the registrar then goes on, saying why.
func registerSeedCase(ctx context.Context, svc *clinic.Service, reg clinic.Actor, n clinic.NewCase) (clinic.Case, error) {
	c, err := svc.RegisterCase(ctx, reg, n)
	if !clinic.IsCode(err, clinic.EPossibleDuplicate) {
		return c, err
	}
	n.Duplicates = map[int]clinic.DuplicateChoice{}
	for _, f := range clinic.ErrorOf(err).Fields {
		rest, ok := strings.CutPrefix(f.Field, "members[")
		if !ok {
			continue
		}
		i, aerr := strconv.Atoi(rest[:strings.IndexByte(rest, ']')])
		if aerr != nil {
			return c, err
		}
		n.Duplicates[i] = clinic.DuplicateChoice{Decision: clinic.DuplicateDifferentPerson,
			Reason: "Demonstration data: a generated person who only shares a name with another"}
	}
	return svc.RegisterCase(ctx, reg, n)
}

// seedPhoto is the demo's passport photo of a person: a grey head-and-shoulders silhouette on a
// light background (300 × 385, the passport frame), shaded by the person's position so each
// differs.
func seedPhoto(member int) ([]byte, error) {
	const w, h = 300, 385
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{230, 234, 238, 255}
	shade := uint8(90 + 20*(member%5))
	fg := color.RGBA{shade, shade, shade + 10, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-w/2), float64(y-150)
			head := dx*dx/(70*70)+dy*dy/(90*90) <= 1
			sx, sy := float64(x-w/2), float64(y-h)
			shoulders := y > 260 && sx*sx/(140*140)+sy*sy/(130*130) <= 1
			if head || shoulders {
				img.Set(x, y, fg)
			} else {
				img.Set(x, y, bg)
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		return nil, fmt.Errorf("demo photo: %w", err)
	}
	return buf.Bytes(), nil
}

// checkIdentity records that the person matches the photo and the document at each station, as
// the demo's staff do before recording a step.
func checkIdentity(ctx context.Context, svc *clinic.Service, nurse clinic.Actor, id string, stations ...clinic.IdentityStation) error {
	for _, s := range stations {
		if _, err := svc.CheckIdentity(ctx, nurse, id, s, clinic.IdentityMatch, ""); err != nil {
			return err
		}
	}
	return nil
}
