//go:build !unix

package pdf

import "testing"

func cpuMetric(*testing.B) (stop func()) { return func() {} }
