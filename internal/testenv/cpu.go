package testenv

import "time"

// CPUClock measures the CPU time (user + system, all threads) the test
// process spends after StartCPU. Unlike wall time it does not grow when
// other processes load the machine, so a bound on it guards against
// blow-ups (quadratic parsing, alias bombs) without flaking on a busy CI
// host. Parallel tests in the same process count too; bounds stay generous.
type CPUClock struct{ start time.Duration }

// StartCPU starts a CPUClock.
func StartCPU() CPUClock { return CPUClock{processCPU()} }

// Elapsed returns the CPU time spent since StartCPU.
func (c CPUClock) Elapsed() time.Duration { return processCPU() - c.start }

// CPULimit scales a CPU-time bound for the build: under the race
// detector every memory access is instrumented, so a bound that catches a
// blow-up in a normal build would fail a linear run there.
func CPULimit(d time.Duration) time.Duration { return d * raceFactor }
