package pades

import (
	"fmt"
	"sync"
)

// SiteSigners hands out each site's own signer, read from the keys directory (site-CODE.crt and
// site-CODE.key, as `mhac keys init` writes them) on first use and kept. A site without a key has
// no signer: its forms are never signed with another site's key.
type SiteSigners struct {
	Dir string
	mu  sync.Mutex
	m   map[string]*Signer
}

// For returns the signer of the site with this code.
func (s *SiteSigners) For(siteCode string) (*Signer, error) {
	if !siteCodeRE.MatchString(siteCode) {
		return nil, fmt.Errorf("site code %q: want 2 to 10 capital letters or digits", siteCode)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sg, ok := s.m[siteCode]; ok {
		return sg, nil
	}
	p, err := KeyPaths(s.Dir, siteCode)
	if err != nil {
		return nil, err
	}
	sg, err := LoadSigner(p.SiteCert, p.SiteKey)
	if err != nil {
		return nil, fmt.Errorf("site %s has no signing key in %s (run `mhac keys init --dir %s --site %s --site-name NAME`): %w",
			siteCode, s.Dir, s.Dir, siteCode, err)
	}
	if s.m == nil {
		s.m = map[string]*Signer{}
	}
	s.m[siteCode] = sg
	return sg, nil
}
