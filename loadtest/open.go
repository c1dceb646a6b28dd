package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kind is one kind of request of a clinic day, made as the role that makes it.
type Kind string

const (
	KindWorklist Kind = "worklist" // nurse: the station's worklist
	KindChart    Kind = "chart"    // nurse: one chart from the worklist
	KindSearch   Kind = "search"   // registrar: case search by a name prefix
	KindBoard    Kind = "board"    // caseworker: the fitness-to-travel board
	KindPanel    Kind = "panel"    // panel.us: the panel's applicant list
	KindVitals   Kind = "vitals"   // nurse: record vitals (a write, with the chart's version)
)

// DefaultMix is a clinic day's share of each kind, in requests per hundred.
var DefaultMix = map[Kind]int{KindWorklist: 25, KindChart: 30, KindSearch: 10, KindBoard: 10, KindPanel: 10, KindVitals: 15}

// OpenOptions describe an open-loop run: requests are sent at a fixed rate whatever the answers'
// speed, and each latency is measured from the moment the request was due, so a slow server
// cannot hide its queue by slowing the generator down (no coordinated omission).
type OpenOptions struct {
	BaseURL     string
	Password    string // of the demo users (nurse, registrar, caseworker, panel.us)
	Rate        float64
	Duration    time.Duration
	Mix         map[Kind]int
	MaxInFlight int // requests due while this many are open are counted as dropped
	Seed        uint64
	// Sites spreads the load over these sites' users (nurse.<code>, registrar.<code>,
	// caseworker.<code>, as `mhac seed --sites` makes them); empty means the demo site's users.
	Sites []string
	// Acked, when set, receives one CSV line per write the clinic acknowledged (answered 2xx):
	// kind,record id,version,request id, e.g. "vitals,0b6c…,7,Kx3…". The request id is the
	// X-Request-ID the load sent, which the clinic keeps in the write's audit row, so a drill can
	// check afterwards that every acknowledged write is stored.
	Acked io.Writer
}

// KindReport is what a run measured for one kind.
type KindReport struct {
	Kind      Kind
	Requests  int
	Errors    int // transport errors and answers other than 2xx (a 409 on a write included)
	Conflicts int // 409 answers to writes: another write came first
	Dropped   int
	P50, P90  time.Duration
	P99, P999 time.Duration
	Max       time.Duration
}

// OpenReport is a whole run.
type OpenReport struct {
	Rate              float64
	Elapsed           time.Duration
	Sent              int
	Kinds             []KindReport
	ReadP99, WriteP99 time.Duration
}

func (r OpenReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "open loop at %.0f req/s for %.0fs: %d sent; reads p99 %.2fms, writes p99 %.2fms\n",
		r.Rate, r.Elapsed.Seconds(), r.Sent, ms(r.ReadP99), ms(r.WriteP99))
	for _, k := range r.Kinds {
		fmt.Fprintf(&b, "  %-8s %6d  p50 %7.2fms  p90 %7.2fms  p99 %7.2fms  p99.9 %7.2fms  max %7.2fms  errors %d  conflicts %d  dropped %d\n",
			k.Kind, k.Requests, ms(k.P50), ms(k.P90), ms(k.P99), ms(k.P999), ms(k.Max), k.Errors, k.Conflicts, k.Dropped)
	}
	return b.String()
}

// sample is one finished request.
type sample struct {
	kind     Kind
	latency  time.Duration
	err      bool
	conflict bool
	dropped  bool
}

// Open runs an open-loop load of the mix at the rate. It refuses any address not on this machine.
func Open(ctx context.Context, o OpenOptions) (OpenReport, error) {
	if err := loopbackOnly(o.BaseURL); err != nil {
		return OpenReport{}, err
	}
	if o.Rate <= 0 || o.Duration <= 0 {
		return OpenReport{}, fmt.Errorf("rate and duration must be positive")
	}
	if o.Mix == nil {
		o.Mix = DefaultMix
	}
	weight := 0
	for _, n := range o.Mix {
		weight += max(n, 0)
	}
	if weight == 0 {
		return OpenReport{}, fmt.Errorf("the mix has no request kind with a share above zero")
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 1000
	}
	d, err := newDay(o)
	if err != nil {
		return OpenReport{}, err
	}
	pick := d.picker(o.Mix, o.Seed)
	interval := time.Duration(float64(time.Second) / o.Rate)
	total := int(o.Duration.Seconds() * o.Rate)
	results := make(chan sample, 1024)
	var collected []sample
	done := make(chan struct{})
	go func() {
		for s := range results {
			collected = append(collected, s)
		}
		close(done)
	}()
	var wg sync.WaitGroup
	inFlight := make(chan struct{}, o.MaxInFlight)
	start := time.Now()
	for i := 0; i < total && ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		kind := pick()
		select {
		case inFlight <- struct{}{}:
		default:
			results <- sample{kind: kind, dropped: true}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-inFlight }()
			code, err := d.do(ctx, kind)
			results <- sample{kind: kind, latency: time.Since(due), err: err != nil || code/100 != 2, conflict: code == http.StatusConflict}
		}()
	}
	wg.Wait()
	close(results)
	<-done
	return summarise(o.Rate, time.Since(start), collected), nil
}

func summarise(rate float64, elapsed time.Duration, all []sample) OpenReport {
	byKind := map[Kind][]sample{}
	var reads, writes []time.Duration
	for _, s := range all {
		byKind[s.kind] = append(byKind[s.kind], s)
		if s.dropped {
			continue
		}
		if s.kind == KindVitals {
			writes = append(writes, s.latency)
		} else {
			reads = append(reads, s.latency)
		}
	}
	r := OpenReport{Rate: rate, Elapsed: elapsed, Sent: len(all), ReadP99: percentile(reads, 0.99), WriteP99: percentile(writes, 0.99)}
	for kind, ss := range byKind {
		k := KindReport{Kind: kind}
		var lat []time.Duration
		for _, s := range ss {
			switch {
			case s.dropped:
				k.Dropped++
				continue
			case s.conflict:
				k.Conflicts++
			}
			if s.err {
				k.Errors++
			}
			lat = append(lat, s.latency)
		}
		k.Requests = len(lat)
		k.P50, k.P90, k.P99 = percentile(lat, 0.50), percentile(lat, 0.90), percentile(lat, 0.99)
		k.P999, k.Max = percentile(lat, 0.999), percentile(lat, 1)
		r.Kinds = append(r.Kinds, k)
	}
	sort.Slice(r.Kinds, func(i, j int) bool { return r.Kinds[i].Kind < r.Kinds[j].Kind })
	return r
}

// percentile is exact: every latency is kept (a run of 10 minutes at 300/s is 180,000 values).
func percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), lat...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// day holds a session per user and what the requests pick from, per site.
type day struct {
	base     string
	sessions map[string]*session // by username
	sites    []*siteDay
	mu       sync.Mutex
	versions map[string]int // the last version seen of each chart, for writes
	ackMu    sync.Mutex
	acked    io.Writer
}

type session struct {
	c    *http.Client
	csrf string
}

func newDay(o OpenOptions) (*day, error) {
	d := &day{base: o.BaseURL, sessions: map[string]*session{}, versions: map[string]int{}, acked: o.Acked}
	s, err := openSession(o.BaseURL, "panel.us", o.Password, o.MaxInFlight)
	if err != nil {
		return nil, err
	}
	d.sessions["panel.us"] = s
	suffixes := []string{""}
	if len(o.Sites) > 0 {
		suffixes = suffixes[:0]
		for _, code := range o.Sites {
			suffixes = append(suffixes, "."+strings.ToLower(strings.TrimSpace(code)))
		}
	}
	for _, suffix := range suffixes {
		sd, err := d.openSite(o, suffix)
		if err != nil {
			return nil, err
		}
		d.sites = append(d.sites, sd)
	}
	return d, nil
}

func openSession(base, user, password string, conns int) (*session, error) {
	c, err := login(Options{BaseURL: base, Username: user, Password: password, Concurrency: conns})
	if err != nil {
		return nil, err
	}
	resp, err := c.Get(base + "/api/session")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return nil, fmt.Errorf("session of %s: %w", user, err)
	}
	return &session{c: c, csrf: s.CSRF}, nil
}

func (d *day) picker(mix map[Kind]int, seed uint64) func() Kind {
	var kinds []Kind
	for k, n := range mix {
		for range n {
			kinds = append(kinds, k)
		}
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	rng := rand.New(rand.NewPCG(seed, 0x6d686163))
	var mu sync.Mutex
	return func() Kind {
		mu.Lock()
		defer mu.Unlock()
		return kinds[rng.IntN(len(kinds))]
	}
}

// do makes one request of the kind, as the users of a site picked at random.
func (d *day) do(ctx context.Context, kind Kind) (int, error) {
	sd := d.sites[rand.IntN(len(d.sites))]
	n := rand.IntN(len(sd.charts))
	switch kind {
	case KindWorklist:
		return d.get(ctx, sd.nurse, "/api/worklist?station=nurse")
	case KindChart:
		return d.get(ctx, sd.nurse, "/api/assessments/"+sd.charts[n])
	case KindSearch:
		q := "a"
		if len(sd.surnames) > 0 {
			q = sd.surnames[n%len(sd.surnames)]
		}
		return d.get(ctx, sd.registrar, "/api/cases?q="+q)
	case KindBoard:
		return d.get(ctx, sd.caseworker, "/api/board")
	case KindPanel:
		return d.get(ctx, "panel.us", "/api/panel/applicants?limit=50")
	case KindVitals:
		return d.recordVitals(ctx, sd.nurse, sd.charts[n])
	}
	return 0, fmt.Errorf("unknown kind %q", kind)
}

func (d *day) get(ctx context.Context, user, path string) (int, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.base+path, nil)
	resp, err := d.sessions[user].c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (d *day) getJSON(user, path string, v any) error {
	resp, err := d.sessions[user].c.Get(d.base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// recordVitals writes plausible vitals with the chart's last known version; the answer carries
// the new version. A chart seen for the first time gets the nurse's identity check first, as at
// the station (its answer gives the version; not measured as a write).
func (d *day) recordVitals(ctx context.Context, nurse, id string) (int, error) {
	d.mu.Lock()
	v, ok := d.versions[id]
	d.mu.Unlock()
	if !ok {
		var chart struct {
			Version int `json:"version"`
		}
		resp, err := d.send(ctx, nurse, http.MethodPost, "/api/assessments/"+id+"/identity-checks",
			map[string]any{"station": "exam", "outcome": "match"})
		if err != nil {
			return 0, err
		}
		err = json.NewDecoder(resp.Body).Decode(&chart)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			return 0, fmt.Errorf("identity check of %s: %d", id, resp.StatusCode)
		}
		v = chart.Version
	}
	resp, err := d.send(ctx, nurse, http.MethodPut, "/api/assessments/"+id+"/vitals", map[string]any{"version": v,
		"height_cm": 160 + rand.IntN(25), "weight_kg": 50 + rand.IntN(30), "bp_systolic": 110 + rand.IntN(20),
		"bp_diastolic": 70 + rand.IntN(10), "pulse": 60 + rand.IntN(30), "temperature_c": 36.6, "exam_normal": true})
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var chart struct {
		Version int `json:"version"`
	}
	if resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&chart) == nil {
		d.mu.Lock()
		d.versions[id] = chart.Version
		d.mu.Unlock()
		d.ack(KindVitals, id, chart.Version, resp.Header.Get("X-Request-ID"))
	} else {
		_, _ = io.Copy(io.Discard, resp.Body)
		d.mu.Lock()
		delete(d.versions, id) // read it again next time
		d.mu.Unlock()
	}
	return resp.StatusCode, nil
}

// ack writes one acknowledged write to o.Acked, when set.
func (d *day) ack(kind Kind, id string, version int, requestID string) {
	if d.acked == nil {
		return
	}
	d.ackMu.Lock()
	defer d.ackMu.Unlock()
	fmt.Fprintf(d.acked, "%s,%s,%d,%s\n", kind, id, version, requestID)
}

// send makes a JSON write as user, with the session's CSRF token and a request id of its own
// (the clinic echoes it and writes it in the audit row).
func (d *day) send(ctx context.Context, user, method, path string, v any) (*http.Response, error) {
	body, _ := json.Marshal(v)
	req, _ := http.NewRequestWithContext(ctx, method, d.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-ID", "load-"+strconv.FormatUint(rand.Uint64(), 36))
	s := d.sessions[user]
	req.Header.Set("X-CSRF-Token", s.csrf)
	return s.c.Do(req)
}
