//go:build unix

package pdf

import (
	"syscall"
	"testing"
	"time"
)

// cpuMetric reports the process's CPU time (user + system, all threads, GC included) per
// operation next to ns/op. On shared cores the wall time grows with other people's load; the
// CPU time is close to what one quiet core would take.
func cpuMetric(b *testing.B) (stop func()) {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
