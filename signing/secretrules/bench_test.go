package secretrules

import (
	"os"
	"testing"
)

// BenchmarkScanSource scans this package's Go source as a stand-in for
// application code: the keyword pass over bytes that hold no secret.
func BenchmarkScanSource(b *testing.B) {
	data, err := os.ReadFile("detect.go")
	if err != nil {
		b.Fatal(err)
	}
	d := NewDetector(Builtin(), nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d.Scan("src/lib.rs", data, "")
	}
}
