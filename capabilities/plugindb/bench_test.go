package plugindb

import "testing"

// BenchmarkDecode is the one-time cost of loading the database.
func BenchmarkDecode(b *testing.B) {
	for b.Loop() {
		if _, err := decode(compressed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLookup is the cost of one plugin's manifest once loaded.
func BenchmarkLookup(b *testing.B) {
	for b.Loop() {
		if _, ok := Lookup("fs", "2.4.5"); !ok {
			b.Fatal("no fs")
		}
	}
}
