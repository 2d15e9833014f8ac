package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/report/sarifschema"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	version = "test" // outputs must not depend on how the binary was built
	os.Exit(m.Run())
}

// invoke runs the CLI in-process and returns stdout, stderr, status.
func invoke(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testenv.Golden(t, path, got, *update, "go test ./cmd/tauriaudit -update")
}

func TestDemoApp(t *testing.T) {
	for _, f := range []string{"text", "json", "sarif"} {
		t.Run(f, func(t *testing.T) {
			// --repo-root: paths from the repository root, with or without .git.
			out, stderr, code := invoke(t, "scan", "--format", f, "--color", "never", "--repo-root", "../..", "../../testdata/demo-app")
			if code != 1 {
				t.Fatalf("exit %d, want 1 (the demo app has errors); stderr: %s", code, stderr)
			}
			golden(t, "../../testdata/golden/demo-app."+goldenExt(f), []byte(out))
			if f == "sarif" {
				validateSARIF(t, []byte(out))
			}
		})
	}
}

func goldenExt(format string) string {
	if format == "text" {
		return "txt"
	}
	return format
}

func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schema := testenv.Shared(t, sarifschema.SharedPath)
	if err := sarifschema.Validate(schema, data); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
}

// TestCorpus scans every real app in ../shared/corpus: the scan must
// complete (status 0 or 1, never 2), match the reviewed golden findings,
// and its SARIF must validate. The Cargo registry is an empty folder, so
// official plugins' permissions come from the embedded database and no
// TA-ACL-012 may name one.
func TestCorpus(t *testing.T) {
	t.Setenv("CARGO_HOME", t.TempDir())
	dirs, _ := filepath.Glob(filepath.Join(testenv.Shared(t, "corpus"), "*"))
	var apps []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			apps = append(apps, d)
		}
	}
	if len(apps) != 16 {
		t.Fatalf("found %d corpus apps in ../shared/corpus, want 16", len(apps))
	}
	for _, dir := range apps {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, stderr, code := invoke(t, "scan", "--format", "json", "--fail-on", "error", "--repo-root", dir, dir)
			if code != 0 && code != 1 {
				t.Fatalf("exit %d; stderr: %s", code, stderr)
			}
			golden(t, "../../testdata/golden/corpus/"+name+".json", []byte(out))
			noOfficialPluginUnresolved(t, out)
			sarif, stderr, code := invoke(t, "scan", "--format", "sarif", "--repo-root", dir, dir)
			if code == 2 {
				t.Fatalf("sarif exit 2: %s", stderr)
			}
			validateSARIF(t, []byte(sarif))
			for _, err := range sarifschema.CheckGitHub([]byte(sarif)) {
				t.Error(err)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	clean := t.TempDir()
	writeFile(t, clean, "src-tauri/tauri.conf.json", `{"identifier": "com.example.clean", "app": {"security": {"csp": "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'", "freezePrototype": true}}}`)
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"demo fails on error", []string{"../../testdata/demo-app", "--quiet"}, 1, ""},
		{"fail-on none", []string{"--fail-on", "none", "../../testdata/demo-app", "-q"}, 0, ""},
		{"bad format", []string{"--format", "xml", "."}, 2, "unknown --format"},
		{"bad fail-on", []string{"--fail-on", "fatal", "."}, 2, "--fail-on"},
		{"bad platform", []string{"--platform", "beos", "."}, 2, "unknown --platform"},
		{"unknown flag", []string{"--frobnicate"}, 2, "unknown flag"},
		{"no app", []string{t.TempDir()}, 2, "no Tauri app found"},
		{"missing dir", []string{filepath.Join(t.TempDir(), "nope")}, 2, "no such file"},
		{"explain unknown", []string{"explain", "TA-NOPE-001"}, 2, "no rule"},
		{"timeout", []string{"--timeout", "1ns", "-q", "../../testdata/demo-app"}, 2, "incomplete"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := invoke(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.err)
			}
		})
	}
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.sarif")
	if err := os.WriteFile(out, bytes.Repeat([]byte("x"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := invoke(t, "scan", "--format", "sarif", "-o", out, "../../testdata/demo-app")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, data) // a longer old file must be replaced, not overwritten in place
}

func TestRulesAndExplain(t *testing.T) {
	out, _, code := invoke(t, "rules")
	if code != 0 || !strings.Contains(out, "TA-CFG-000") {
		t.Errorf("rules: exit %d, output %q", code, out)
	}
	out, _, code = invoke(t, "explain", "invalid-file")
	if code != 0 || !strings.HasPrefix(out, "# TA-CFG-000 · invalid-file") {
		t.Errorf("explain: exit %d, output %q", code, out)
	}
	out, _, _ = invoke(t, "version")
	if out != "tauriaudit test\n" {
		t.Errorf("version: %q", out)
	}
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWholeCorpusSARIF scans all corpus apps in one run, as a monorepo,
// and validates the single SARIF log.
func TestWholeCorpusSARIF(t *testing.T) {
	out, stderr, code := invoke(t, "scan", "--format", "sarif", testenv.Shared(t, "corpus"))
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	validateSARIF(t, []byte(out))
	for _, err := range sarifschema.CheckGitHub([]byte(out)) {
		t.Error(err)
	}
	if n := strings.Count(out, `"ruleId"`); n < 100 {
		t.Errorf("only %d results over 16 real apps; the scan is not seeing them", n)
	}
}

// TestOutputToDevice: -o /dev/null (or any non-regular file) must be
// written in place; renaming a temp file over it would replace the device.
func TestOutputToDevice(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.txt")
	link := filepath.Join(dir, "link.txt")
	writeFile(t, dir, "real.txt", "old")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := invoke(t, "scan", "-q", "-o", link, "../../testdata/demo-app"); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the symlink given to -o was replaced")
	}
	if data, _ := os.ReadFile(target); !strings.Contains(string(data), "TA-") {
		t.Errorf("report not written through the symlink: %q", data)
	}
	if _, _, code := invoke(t, "scan", "-q", "-o", os.DevNull, "../../testdata/demo-app"); code != 1 {
		t.Fatalf("-o %s: exit %d", os.DevNull, code)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s is no longer a device", os.DevNull)
	}
}
