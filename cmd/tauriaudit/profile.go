package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of this run to the file named by the
// hidden TAURIAUDIT_CPUPROFILE variable, for measuring per-process cost;
// the returned function stops it.
func startProfile() func() {
	path := os.Getenv("TAURIAUDIT_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
