// Package hugeheap backs the Go heap with transparent huge pages, where
// the kernel allows it, for a short-lived process that is about to build a
// large model.
//
// A scan touches tens of megabytes of fresh heap. On the virtual machines
// CI runs on, every 4 KB page fault costs 10–25 µs, so faulting the heap in
// was the largest single cost of scanning one app (4,700 faults of 4,900
// for HuLa). The kernel backs a region advised with MADV_HUGEPAGE with
// 2 MB pages, one fault each. Go maps its heap without that advice and
// replaces any mapping it grows into, so Reserve makes the runtime map a
// region first, then advises it.
package hugeheap
