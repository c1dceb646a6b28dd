//go:build unix

package protocols

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (user + system), so a benchmark can report
// CPU time per operation: on a shared machine wall time per operation also counts other loads.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
