package pades

import (
	"fmt"
	"os"
	"sync"
)

// SiteSigners hands out each site's own signer, read from the keys directory (site-CODE.crt and
// site-CODE.key, as `mhac keys init` and the API's site creation write them) on first use. A
// site created while the process runs is signed for from its first form; a rotated key (a new
// certificate file) is read again on the next form, so no process needs a restart. A site
// without a key has no signer: its forms are never signed with another site's key.
type SiteSigners struct {
	Dir string
	mu  sync.Mutex
	m   map[string]loadedSigner
}

// loadedSigner is a signer with the certificate file it was read from, to notice a rotation.
type loadedSigner struct {
	signer *Signer
	cert   os.FileInfo
}

// For returns the signer of the site with this code.
func (s *SiteSigners) For(siteCode string) (*Signer, error) {
	if !siteCodeRE.MatchString(siteCode) {
		return nil, fmt.Errorf("site code %q: want 2 to 10 capital letters or digits", siteCode)
	}
	p, err := KeyPaths(s.Dir, siteCode)
	if err != nil {
		return nil, err
	}
	fi, statErr := os.Stat(p.SiteCert)
	s.mu.Lock()
	defer s.mu.Unlock()
	if got, ok := s.m[siteCode]; ok && statErr == nil && os.SameFile(got.cert, fi) && got.cert.ModTime().Equal(fi.ModTime()) {
		return got.signer, nil
	}
	sg, err := LoadSigner(p.SiteCert, p.SiteKey)
	if err != nil {
		return nil, fmt.Errorf("site %s has no signing key in %s (create the site in the administration screen, or run `mhac keys init --dir %s --site %s --site-name NAME`): %w",
			siteCode, s.Dir, s.Dir, siteCode, err)
	}
	if s.m == nil {
		s.m = map[string]loadedSigner{}
	}
	if statErr == nil {
		s.m[siteCode] = loadedSigner{signer: sg, cert: fi}
	}
	return sg, nil
}
