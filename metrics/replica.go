package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
)

var (
	descReplicaUp       = prometheus.NewDesc("mhac_replica_up", "1 while the read replica serves the reads that may lag; 0 while they go to the primary (replica down or lagging past its limit).", nil, nil)
	descReplicaLag      = prometheus.NewDesc("mhac_replica_lag_seconds", "How far the read replica's replay was behind at its last check (0 when it had replayed all it received).", nil, nil)
	descReplicaRecovery = prometheus.NewDesc("mhac_replica_in_recovery", "1 when the read replica is a standby; 0 when it answers as a primary (e.g. promoted).", nil, nil)
	descReplicaChecked  = prometheus.NewDesc("mhac_replica_checked_seconds", "Seconds since the read replica was last checked.", nil, nil)
	descReplicaTxs      = prometheus.NewDesc("mhac_replica_transactions_total", "Read transactions sent to the replica: served there, or refused and run on the primary.", []string{"outcome"}, nil)
)

// Replica is the read replica's state as the clinic's database package reports it.
type Replica struct {
	Up, InRecovery  bool
	LagSeconds      float64
	CheckedSeconds  float64 // since the last check
	Served, Refused int64
}

// WatchReplica adds the read replica's figures, read from status at each scrape (no query: the
// replica is checked by its own watcher).
func (r *Registry) WatchReplica(status func() Replica) {
	r.reg.MustRegister(&replicaCollector{status: status})
}

type replicaCollector struct{ status func() Replica }

func (c *replicaCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReplicaUp, descReplicaLag, descReplicaRecovery, descReplicaChecked, descReplicaTxs} {
		ch <- d
	}
}

func (c *replicaCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.status()
	ch <- prometheus.MustNewConstMetric(descReplicaUp, prometheus.GaugeValue, bool01(s.Up))
	ch <- prometheus.MustNewConstMetric(descReplicaLag, prometheus.GaugeValue, s.LagSeconds)
	ch <- prometheus.MustNewConstMetric(descReplicaRecovery, prometheus.GaugeValue, bool01(s.InRecovery))
	ch <- prometheus.MustNewConstMetric(descReplicaChecked, prometheus.GaugeValue, s.CheckedSeconds)
	ch <- prometheus.MustNewConstMetric(descReplicaTxs, prometheus.CounterValue, float64(s.Served), "served")
	ch <- prometheus.MustNewConstMetric(descReplicaTxs, prometheus.CounterValue, float64(s.Refused), "refused")
}
