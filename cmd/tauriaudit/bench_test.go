package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// BenchmarkScanCorpusApp scans each corpus app in-process, as `tauriaudit
// scan --no-cache --format json` does (process start excluded). Compare
// runs with benchstat; cpu-ms/op (user+system time of the whole process,
// GC included) is steadier than ns/op on a shared machine.
func BenchmarkScanCorpusApp(b *testing.B) {
	b.Setenv("CARGO_HOME", b.TempDir())
	for _, dir := range corpusApps(b) {
		b.Run(filepath.Base(dir), func(b *testing.B) {
			benchScan(b, dir)
		})
	}
}

// BenchmarkScanCorpus scans the whole corpus in one run, as a monorepo.
func BenchmarkScanCorpus(b *testing.B) {
	b.Setenv("CARGO_HOME", b.TempDir())
	benchScan(b, testenv.Shared(b, "corpus"))
}

func benchScan(b *testing.B, dir string) {
	b.ReportAllocs()
	cpu := testenv.StartCPU()
	for b.Loop() {
		if code := run(context.Background(), []string{"scan", "--no-cache", "--format", "json", dir}, io.Discard, io.Discard); code == 2 {
			b.Fatalf("scan %s: exit 2", dir)
		}
	}
	// CPU time, unlike ns/op, does not grow when other processes load the machine.
	b.ReportMetric(float64(cpu.Elapsed().Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// corpusApps lists the app folders of ../shared/corpus (skips without it).
func corpusApps(b *testing.B) []string {
	dirs, _ := filepath.Glob(filepath.Join(testenv.Shared(b, "corpus"), "*"))
	var apps []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			apps = append(apps, d)
		}
	}
	return apps
}
