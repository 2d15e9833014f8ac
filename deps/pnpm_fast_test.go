package deps

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TestPnpmFastMatchesYAML: on every real pnpm lockfile of the corpus the
// line reader must accept the file and produce exactly what the YAML
// parser produces, positions included.
func TestPnpmFastMatchesYAML(t *testing.T) {
	files := corpusFiles(t, "pnpm-lock.yaml")
	if len(files) < 5 {
		t.Fatalf("found %d corpus pnpm-lock.yaml files", len(files))
	}
	for _, p := range sortedKeys(files) {
		f := files[p]
		slow, err := parsePnpmYAML(f)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		fast, ok := pnpmFast(f)
		if !ok {
			t.Errorf("%s: the line reader refused a lockfile pnpm wrote", p)
			continue
		}
		if d := gocmp.Diff(slow, fast); d != "" {
			t.Errorf("%s: readers differ (-yaml +fast):\n%s", p, d)
		}
	}
}

func TestPnpmFastRefusesIrregularInput(t *testing.T) {
	for _, src := range []string{
		"lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: x,\n      tarball: y}\n",
		"lockfileVersion: '9.0'\npackages:\n  a@1.0.0: &x\n    resolution: {integrity: x}\n",
		"lockfileVersion: '9.0'\npackages:\n\t a@1.0.0:\n",
		"lockfileVersion: '9.0'\npackages:\n  \"a@1.0.0\":\n    resolution: {integrity: x}\n",
		"lockfileVersion: '4.0'\npackages:\n",
		"lockfileVersion: '9.0'\r\npackages:\r\n",
		"lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution:\n      integrity: x\n",
		"lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {tarball: s, tarball: https://r.example/a.tgz}\n",
		"lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    name: ~\n",
	} {
		if _, ok := pnpmFast(source.NewFile("p.yaml", []byte(src))); ok {
			t.Errorf("line reader accepted %q; it must leave it to the YAML parser", src)
		}
	}
}

// FuzzPnpmFast: whenever the line reader accepts an input, the YAML
// parser accepts it too and both produce the same lockfile.
func FuzzPnpmFast(f *testing.F) {
	f.Add([]byte("lockfileVersion: '9.0'\n\npackages:\n\n  '@a/b@1.0.0':\n    resolution: {integrity: sha512-x, tarball: https://r.example/b.tgz}\n    dev: true\n"))
	f.Add([]byte("lockfileVersion: '6.0'\npackages:\n  /a@1.0.0(b@2.0.0):\n    resolution: {integrity: sha512-y}\n    dependencies:\n      b: 2.0.0\n    dev: false\n"))
	f.Add([]byte("lockfileVersion: 5.4\npackages:\n  /a/1.0.0_b@2.0.0:\n    resolution: {type: git, repo: https://g.example/a, commit: abc}\n    name: a\n    version: 1.0.0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("p.yaml", data)
		fast, ok := pnpmFast(file)
		if !ok {
			return
		}
		slow, err := parsePnpmYAML(file)
		if err != nil {
			t.Fatalf("line reader accepted what YAML rejects: %v", err)
		}
		if d := gocmp.Diff(slow, fast); d != "" {
			t.Fatalf("readers differ (-yaml +fast):\n%s", d)
		}
	})
}
