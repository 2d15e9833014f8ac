// Package scanheap sets up the Go heap of a short-lived process that is
// about to build a large model: a scan.
//
// A scan touches tens of megabytes of fresh heap. On the virtual machines
// CI runs on, every 4 KB page fault costs 10–25 µs, so faulting the heap in
// was the largest single cost of scanning one app (4,700 of 4,900 faults
// for HuLa), and collections that only recycle a few megabytes cost more
// than they save. Prepare therefore
//   - has the runtime map the heap a scan needs up front and asks the
//     kernel to back it with 2 MB transparent huge pages (Linux), one
//     fault each: Go maps its heap without that advice and replaces any
//     mapping it grows into, so the runtime must map the region first;
//   - defers the first collection until the heap has used that region,
//     then hands the heap back to the default pacing (GOGC=100), so a
//     large scan is collected as before.
package scanheap
