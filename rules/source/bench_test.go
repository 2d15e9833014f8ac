package source

import (
	"os"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// The largest inputs a scan parses are lockfiles from the corpus.
func benchParse(b *testing.B, rel string, parse func(*File) (*Node, []*Error, error)) {
	data, err := os.ReadFile(testenv.Shared(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := parse(NewFile(rel, data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePackageLock(b *testing.B) {
	benchParse(b, "corpus/mountain-loop__yaak/package-lock.json", func(f *File) (*Node, []*Error, error) { return ParseJSON(f, true) })
}

func BenchmarkParseCargoLock(b *testing.B) {
	benchParse(b, "corpus/surrealdb__surrealist/src-tauri/Cargo.lock", ParseTOML)
}
