package hugeheap

import (
	"os"
	"runtime/metrics"
	"sync"
)

// DisableEnv turns Reserve off when set to "0".
const DisableEnv = "TAURIAUDIT_HUGEPAGES"

// freshHeap is the most a process may have allocated for Reserve to act:
// past it the heap holds freed pages the runtime would zero to reserve
// them (tests run commands in one long process), and the gain is gone.
const freshHeap = 16 << 20

var once sync.Once

// Reserve has the runtime map size bytes of heap and asks the kernel to
// back them with huge pages. It acts once per process, and only while the
// heap is fresh; it changes no behaviour, only the cost of faulting the
// heap in, and any error is ignored (the pages are then ordinary ones).
func Reserve(size int) {
	once.Do(func() {
		if os.Getenv(DisableEnv) == "0" || allocated() > freshHeap {
			return
		}
		reserve(size)
	})
}

// allocated returns the bytes the process has allocated on the heap so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
