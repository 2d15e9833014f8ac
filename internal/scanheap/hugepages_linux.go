package scanheap

import (
	"bytes"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

const (
	madvHugepage = 14 // MADV_HUGEPAGE
	hugePage     = 2 << 20
	arenaSize    = 64 << 20 // the runtime's heap arena on 64-bit Linux
)

// hugePagesOffered reports whether the kernel gives transparent huge pages
// to a region advised for them ("always" or "madvise", not "never"), on a
// 64-bit build (the arena layout reserve assumes) without a limit on
// address space (which 64 MB more of it could exceed).
func hugePagesOffered() bool {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return false
	}
	var as syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &as); err != nil || as.Cur != rlimInfinity {
		return false
	}
	mode := thpMode()
	return mode != "" && mode != "never"
}

// thpMode returns the kernel's transparent huge page mode (the bracketed
// word of "always [madvise] never"), or "" when the kernel has none.
func thpMode() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	_, rest, ok := bytes.Cut(b, []byte("["))
	mode, _, ok2 := bytes.Cut(rest, []byte("]"))
	if !ok || !ok2 {
		return ""
	}
	return string(mode)
}

const rlimInfinity = ^uint64(0)

// reserve allocates one large object, so that the runtime maps size bytes
// of fresh heap (never touched, so neither zeroed nor faulted in), advises
// the arena it lies in and the one before (the heap grows upward from its
// first chunk), and frees it with a collection; the pages then serve the
// small objects that follow. madvise skips unmapped holes in the range
// (reporting ENOMEM for them) after advising every mapping in it.
func reserve(size int) bool {
	b := make([]byte, size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := p &^ (arenaSize - 1)
	if start >= arenaSize {
		start -= arenaSize
	}
	end := (p + uintptr(size) + hugePage - 1) &^ (hugePage - 1)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvHugepage)
	runtime.KeepAlive(b)
	runtime.GC()
	return errno == 0 || errno == syscall.ENOMEM
}
