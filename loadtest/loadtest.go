// Package loadtest measures the clinic under load from a second process on the same machine.
// Open (open.go) sends a clinic day's mix of reads and writes at a fixed rate, as the roles that
// make them, and measures each latency from when the request was due; Run is the closed loop
// (N connections, each waiting for its answer) kept for comparison with earlier figures.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"sync"
	"time"
)

// Options describe one run.
type Options struct {
	BaseURL     string
	Username    string
	Password    string
	Target      string // worklist | chart
	Station     string // for the worklist
	Concurrency int
	Duration    time.Duration
	MaxRequests int // a bound on the run, whatever the duration
}

// Report is what a run measured.
type Report struct {
	Target     string
	Requests   int
	Errors     int
	Elapsed    time.Duration
	PerSecond  float64
	P50, P90   time.Duration
	P99, Max   time.Duration
	Concurrent int
}

func (r Report) String() string {
	return fmt.Sprintf("%-9s %6d requests in %5.1fs with %d connections: %7.1f req/s, p50 %6.2fms p90 %6.2fms p99 %6.2fms max %6.2fms, %d errors",
		r.Target, r.Requests, r.Elapsed.Seconds(), r.Concurrent, r.PerSecond, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.Errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Run performs one load run. It refuses any address that is not on this machine.
func Run(ctx context.Context, o Options) (Report, error) {
	if err := loopbackOnly(o.BaseURL); err != nil {
		return Report{}, err
	}
	if o.Concurrency < 1 || o.Duration <= 0 || o.MaxRequests < 1 {
		return Report{}, fmt.Errorf("concurrency, duration and max requests must be positive")
	}
	c, err := login(o)
	if err != nil {
		return Report{}, err
	}
	paths, err := targets(c, o)
	if err != nil {
		return Report{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	errs, issued := 0, 0
	next := func() (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		if issued >= o.MaxRequests || ctx.Err() != nil {
			return "", false
		}
		issued++
		return paths[issued%len(paths)], true
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < o.Concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p, ok := next(); ok; p, ok = next() {
				t0 := time.Now()
				err := get(c, o.BaseURL+p)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					errs++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	return Report{Target: o.Target, Requests: len(lat), Errors: errs, Elapsed: elapsed,
		PerSecond: float64(len(lat)) / elapsed.Seconds(), P50: pct(0.50), P90: pct(0.90), P99: pct(0.99),
		Max: pct(1), Concurrent: o.Concurrency}, nil
}

// loopbackOnly refuses a base URL that is not on this machine: a load run is never aimed at a
// clinic in service.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("load tests only target this machine (loopback), not %s", u.Hostname())
	}
	return nil
}

// login signs in. The sign-in is the generator's setup, not a measured request: while the clinic
// cannot answer (no connection, or 503 while its database restarts, as in the fault drill) it
// tries again each second for up to loginPatience.
func login(o Options) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency, MaxConnsPerHost: o.Concurrency}}
	body, _ := json.Marshal(map[string]string{"username": o.Username, "password": o.Password})
	deadline := time.Now().Add(loginPatience)
	for {
		resp, err := c.Post(o.BaseURL+"/api/session", "application/json", bytes.NewReader(body))
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case resp.StatusCode == 200:
				return c, nil
			case resp.StatusCode != http.StatusServiceUnavailable:
				return nil, fmt.Errorf("login as %s: %d %s", o.Username, resp.StatusCode, b)
			}
			err = fmt.Errorf("login as %s: %d %s", o.Username, resp.StatusCode, b)
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(time.Second)
	}
}

// loginPatience is how long login waits for a clinic that cannot answer yet.
const loginPatience = 60 * time.Second

// targets lists the paths to request: the station's worklist, or the charts on it.
func targets(c *http.Client, o Options) ([]string, error) {
	wl := "/api/worklist?station=" + o.Station
	if o.Target == "worklist" {
		return []string{wl}, nil
	}
	resp, err := c.Get(o.BaseURL + wl)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var list struct {
		Items []struct {
			AssessmentID string `json:"assessment_id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Items) == 0 {
		return nil, fmt.Errorf("the %s worklist has no charts to load (seed data first: mhac seed --cases 300)", o.Station)
	}
	var out []string
	for _, it := range list.Items {
		out = append(out, "/api/assessments/"+it.AssessmentID)
	}
	return out, nil
}

func get(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: %d", u, resp.StatusCode)
	}
	return nil
}
