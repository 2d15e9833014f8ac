package scanheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// DisableEnv turns Prepare off when set to "0".
const DisableEnv = "TAURIAUDIT_HUGEPAGES"

// freshHeap is the most a process may have allocated for Prepare to act:
// past it the heap holds freed pages the runtime would zero to reserve
// them (tests run commands in one long process), and the gain is gone.
const freshHeap = 16 << 20

var once sync.Once

// Prepare reserves size bytes of heap in huge pages and defers collection
// until about that much is in use. It acts once per process, only while
// the heap is fresh and where the kernel offers huge pages (Linux), and
// changes no result, only the cost of the heap. GOGC or GOMEMLIMIT in the
// environment keep the runtime's pacing as set.
func Prepare(size int) {
	once.Do(func() {
		if os.Getenv(DisableEnv) == "0" || allocated() > freshHeap || !hugePagesOffered() {
			return
		}
		// Deferring collection only pays when fresh pages are cheap: in
		// 4 KB pages the faults cost more than the collections saved.
		if reserve(size) && os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
			deferCollection(int64(size))
		}
	})
}

// deferCollection turns the proportional pacer off and sets a memory
// limit of size, so the first collection comes when the reserved heap is
// used. The cleanup of an object nothing references runs after that
// collection and restores the defaults (GOGC=100, no limit), so a heap
// that outgrows the limit is paced as usual instead of collected again
// and again at it.
func deferCollection(size int64) {
	gcPercent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(size)
	type pacing struct{ gcPercent, limit int64 }
	runtime.AddCleanup(new(sentinel), func(p pacing) {
		debug.SetMemoryLimit(p.limit)
		debug.SetGCPercent(int(p.gcPercent))
	}, pacing{int64(gcPercent), limit})
}

// sentinel holds a pointer, so it is not batched with other small objects
// by the tiny allocator (which would delay its cleanup).
type sentinel struct{ _ *byte }

// allocated returns the bytes the process has allocated on the heap so
// far. (ReadMemStats, not runtime/metrics: that package's initialisation
// alone costs a millisecond at every start.)
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
