package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	descUndelivered = prometheus.NewDesc("mhac_outbox_undelivered", "Outbox messages written in PostgreSQL and not yet handed to the queue.", nil, nil)
	descOutboxLag   = prometheus.NewDesc("mhac_outbox_lag_seconds", "Age of the oldest outbox message not yet handed to the queue (0 when none).", nil, nil)
	descPending     = prometheus.NewDesc("mhac_forms_pending", "Forms ordered and not yet drawn.", nil, nil)
	descPendingAge  = prometheus.NewDesc("mhac_forms_pending_oldest_seconds", "Age of the oldest form ordered and not yet drawn (0 when none).", nil, nil)
	descQueue       = prometheus.NewDesc("mhac_queue_tasks", "Tasks in a Redis queue, by queue and state.", []string{"queue", "state"}, nil)
	descScrapeError = prometheus.NewDesc("mhac_scrape_error", "1 when a source of these figures did not answer at the last scrape.", []string{"source"}, nil)
)

// backlogCollector reads the database's backlog and Redis's queues at each scrape, with a
// deadline, so a scrape never hangs on a source that is down.
type backlogCollector struct {
	backlog func(context.Context) (Backlog, error)
	queue   func(context.Context) (map[string]Queue, error)
	now     func() time.Time
}

func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descUndelivered, descOutboxLag, descPending, descPendingAge, descQueue, descScrapeError} {
		ch <- d
	}
}

func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	age := func(t time.Time) float64 {
		if t.IsZero() {
			return 0
		}
		return c.now().Sub(t).Seconds()
	}
	if c.backlog != nil {
		b, err := c.backlog(ctx)
		ch <- prometheus.MustNewConstMetric(descScrapeError, prometheus.GaugeValue, bool01(err != nil), "database")
		if err == nil {
			ch <- prometheus.MustNewConstMetric(descUndelivered, prometheus.GaugeValue, float64(b.Undelivered))
			ch <- prometheus.MustNewConstMetric(descOutboxLag, prometheus.GaugeValue, age(b.OldestUndelivered))
			ch <- prometheus.MustNewConstMetric(descPending, prometheus.GaugeValue, float64(b.PendingForms))
			ch <- prometheus.MustNewConstMetric(descPendingAge, prometheus.GaugeValue, age(b.OldestPendingForm))
		}
	}
	if c.queue != nil {
		qs, err := c.queue(ctx)
		ch <- prometheus.MustNewConstMetric(descScrapeError, prometheus.GaugeValue, bool01(err != nil), "redis")
		for name, q := range qs {
			for state, n := range map[string]int{"pending": q.Pending, "active": q.Active, "scheduled": q.Scheduled, "retry": q.Retry, "archived": q.Archived} {
				ch <- prometheus.MustNewConstMetric(descQueue, prometheus.GaugeValue, float64(n), name, state)
			}
		}
	}
}

func bool01(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
