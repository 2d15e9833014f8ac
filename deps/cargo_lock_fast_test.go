package deps

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TestCargoLockFastMatchesTOML: on every real Cargo.lock of the corpus
// the line reader must accept the file and produce exactly what the TOML
// path produces, positions included.
func TestCargoLockFastMatchesTOML(t *testing.T) {
	files := corpusFiles(t, "Cargo.lock")
	if len(files) < 10 {
		t.Fatalf("found %d corpus Cargo.lock files", len(files))
	}
	for _, p := range sortedKeys(files) {
		f := files[p]
		fast, ok := cargoLockFast(f)
		if !ok {
			t.Errorf("%s: the line reader refused a lockfile Cargo wrote", p)
			continue
		}
		sameAsTOML(t, f, fast)
	}
}

func TestCargoLockFastFixtures(t *testing.T) {
	for name, src := range map[string]string{"v2": lockV2, "v3": lockV3, "v4": lockV4, "empty": "", "comments": "# a\n\nversion = 4\n",
		"unused patch": lockV4 + "\n[[patch.unused]]\nname = \"x\"\nversion = \"1.0.0\"\nsource = \"git+https://g.example/x#abc\"\n"} {
		f := source.NewFile("Cargo.lock", []byte(src))
		fast, ok := cargoLockFast(f)
		if !ok {
			t.Errorf("%s: the line reader refused it", name)
			continue
		}
		sameAsTOML(t, f, fast)
	}
}

func TestCargoLockFastRefusesIrregularInput(t *testing.T) {
	for _, src := range []string{
		lockV1, // [metadata] checksums
		"version = 5\n",
		"version = 4\nversion = 4\n",
		"version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1\"\nname = \"b\"\n",
		"[[package]]\nname = \"a\\u0062\"\nversion = \"1\"\n",
		"[[package]]\nname = \"a\" # c\nversion = \"1\"\n",
		"[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\"b\"]\n",
		"[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\n \"b\",\n",
		"[[package]]\nname = \"a\"\n",
		"[[package]]\r\nname = \"a\"\r\nversion = \"1\"\r\n",
		"[[package]]\nname = \"é\"\nversion = \"1\"\n",
		"[[package]]\nname = 'a'\nversion = \"1\"\n",
		"[[package]]\nname = \"a\"\nversion = \"1\"\n[patch.unused]\n",
		"[[package]]\nname = \"a\"\nversion = \"1\"\nreplace = \"b\"\n",
		"[[patch.unused]]\na.b = \"x\"\n",
		"[[patch.unused]]\nname = \"x\"\nname = \"y\"\n",
	} {
		if _, ok := cargoLockFast(source.NewFile("Cargo.lock", []byte(src))); ok {
			t.Errorf("line reader accepted %q; it must leave it to the TOML parser", src)
		}
	}
}

// FuzzCargoLockFast: whenever the line reader accepts an input, the TOML
// path accepts it too and both produce the same lockfile.
func FuzzCargoLockFast(f *testing.F) {
	for _, s := range []string{lockV2, lockV3, lockV4, "version = 3\n[[package]]\nname = \"a\"\nversion = \"1\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("Cargo.lock", data)
		if fast, ok := cargoLockFast(file); ok {
			sameAsTOML(t, file, fast)
		}
	})
}

func sameAsTOML(t *testing.T, f *source.File, fast *Lockfile) {
	t.Helper()
	slow, err := cargoLockFromTOML(f)
	if err != nil {
		t.Fatalf("%s: line reader accepted what TOML rejects: %v", f.Path, err)
	}
	if d := gocmp.Diff(slow, fast); d != "" {
		t.Errorf("%s: readers differ (-toml +fast):\n%s", f.Path, d)
	}
}
