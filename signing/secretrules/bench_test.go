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

// BenchmarkMatcher is the keyword pass alone, over this package's
// sources and the built-in table (text dense in keyword start letters).
func BenchmarkMatcher(b *testing.B) {
	var data []byte
	for _, n := range []string{"detect.go", "config.go", "validate.go", "builtin.toml", "ahocorasick.go"} {
		d, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d...)
	}
	d := NewDetector(Builtin(), nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d.m.find(data, 1<<30)
	}
}

// BenchmarkMatcherSample is the keyword pass over a file named by
// $MATCHER_SAMPLE (e.g. a repository's sources concatenated).
func BenchmarkMatcherSample(b *testing.B) {
	data, err := os.ReadFile(os.Getenv("MATCHER_SAMPLE"))
	if err != nil {
		b.Skip(err)
	}
	d := NewDetector(Builtin(), nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d.m.find(data, 1<<30)
	}
}
