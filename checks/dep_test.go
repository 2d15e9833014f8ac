package checks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// scanFiles runs one rule over an in-memory tree. The txtar fixtures
// check messages and positions; these tests check levels and settings,
// which the fixture harness does not see.
func scanFiles(t *testing.T, r *rules.Rule, files map[string]string, opt rules.LoadOptions) []rules.Finding {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	ps, err := rules.LoadFS(context.Background(), fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), ps, []*rules.Rule{r})
	for _, e := range res.Errors {
		t.Fatalf("rule %s failed: %s", e.RuleID, e.Err)
	}
	return res.Findings
}

// levels returns "line:level" for each finding.
func levels(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, strings.Join([]string{strconv.Itoa(f.Location.Start.Line), string(f.Level)}, ":"))
	}
	return out
}

const depConf = `{ "identifier": "com.example.app" }`

func TestActionPinLevels(t *testing.T) {
	wf := `on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
  b:
    runs-on: x
    env:
      KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
    steps:
      - uses: actions/checkout@v4
`
	got := levels(scanFiles(t, ActionNotSHAPinned, map[string]string{
		"src-tauri/tauri.conf.json": depConf, ".github/workflows/w.yml": wf}, rules.LoadOptions{}))
	if want := []string{"6:warning", "12:error"}; !reflect.DeepEqual(got, want) {
		t.Errorf("levels = %v, want %v", got, want)
	}
}

func TestGitPinLevels(t *testing.T) {
	man := "[package]\nname = \"app\"\n[dependencies]\nx = { git = \"https://e/x\", branch = \"main\" }\ny = { git = \"https://e/y\", tag = \"v1\" }\n"
	files := map[string]string{"src-tauri/tauri.conf.json": depConf, "src-tauri/Cargo.toml": man}
	if got, want := levels(scanFiles(t, CargoGitUnpinned, files, rules.LoadOptions{})), []string{"4:warning", "5:note"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unlocked = %v, want %v", got, want)
	}
	files["src-tauri/Cargo.lock"] = "version = 4\n"
	if got, want := levels(scanFiles(t, CargoGitUnpinned, files, rules.LoadOptions{})), []string{"4:note", "5:note"}; !reflect.DeepEqual(got, want) {
		t.Errorf("locked = %v, want %v", got, want)
	}
}

func TestAdvisoryPlatforms(t *testing.T) {
	files := map[string]string{"src-tauri/tauri.conf.json": depConf,
		"src-tauri/Cargo.lock": "version = 4\n[[package]]\nname = \"tauri\"\nversion = \"2.3.0\"\n"}
	fs := scanFiles(t, TauriLocalOriginBypass, files, rules.LoadOptions{})
	if len(fs) != 1 || fs[0].Level != rules.Warning || !reflect.DeepEqual(fs[0].Platforms, []string{"windows"}) {
		t.Errorf("desktop: %+v", fs)
	}
	fs = scanFiles(t, TauriLocalOriginBypass, files, rules.LoadOptions{Platforms: []source.Platform{source.Linux, source.MacOS}})
	if len(fs) != 1 || fs[0].Level != rules.Note || len(fs[0].Platforms) != 0 {
		t.Errorf("linux+macOS: %+v", fs)
	}
	fs = scanFiles(t, TauriLocalOriginBypass, files, rules.LoadOptions{Platforms: []source.Platform{source.Windows}})
	if len(fs) != 1 || fs[0].Level != rules.Warning || len(fs[0].Platforms) != 0 {
		t.Errorf("windows only: %+v", fs)
	}
}

func TestAppCommandLevels(t *testing.T) {
	src := "fn main() { tauri::generate_handler![a]; }\n"
	lock := "version = 4\n[[package]]\nname = \"tauri\"\nversion = \"%s\"\n"
	for _, c := range []struct {
		conf, version string
		want          rules.Level
	}{
		{depConf, "2.10.0", rules.Note},
		{`{ "build": { "frontendDist": "https://app.example.com" } }`, "2.10.0", rules.Error},
		{`{ "build": { "frontendDist": "https://app.example.com" } }`, "2.11.1", rules.Warning},
	} {
		fs := scanFiles(t, AppCommandsBypassACL, map[string]string{"src-tauri/tauri.conf.json": c.conf,
			"src-tauri/src/main.rs": src, "src-tauri/Cargo.lock": strings.Replace(lock, "%s", c.version, 1)}, rules.LoadOptions{})
		if len(fs) != 1 || fs[0].Level != c.want {
			t.Errorf("%s %s: %+v, want %s", c.conf, c.version, fs, c.want)
		}
	}
}

func TestInstallLevels(t *testing.T) {
	wf := "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: pnpm install\n      - run: npm install\n"
	got := levels(scanFiles(t, CIInstallNotFrozen, map[string]string{"src-tauri/tauri.conf.json": depConf,
		".github/workflows/w.yml": wf}, rules.LoadOptions{}))
	if want := []string{"6:note", "7:warning"}; !reflect.DeepEqual(got, want) {
		t.Errorf("levels = %v, want %v", got, want)
	}
}

func TestDevBuildGate(t *testing.T) {
	if !DevBuildShipped.Gate {
		t.Error("TA-CFG-008 must be a release-gate rule")
	}
}

// osvRecords are an offline OSV database: a vulnerability, informational
// notices, a record TA-DEP-102 already covers, a withdrawn one and an npm
// record with a GitHub severity.
var osvRecords = map[string]string{
	"crates.io/RUSTSEC-2020-0071.json": `{"id": "RUSTSEC-2020-0071", "aliases": ["CVE-2020-26235"], "summary": "Potential segfault in the time crate",
		"affected": [{"package": {"ecosystem": "crates.io", "name": "time"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.2.7"}, {"fixed": "0.2.23"}]}]}]}`,
	"crates.io/RUSTSEC-2024-0411.json": `{"id": "RUSTSEC-2024-0411", "summary": "gdkwayland-sys is unmaintained",
		"affected": [{"package": {"ecosystem": "crates.io", "name": "gdkwayland-sys"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}],
		"database_specific": {"informational": "unmaintained"}}]}`,
	"crates.io/RUSTSEC-2024-0370.json": `{"id": "RUSTSEC-2024-0370", "summary": "proc-macro-error is unmaintained",
		"affected": [{"package": {"ecosystem": "crates.io", "name": "proc-macro-error"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}`,
	"crates.io/GHSA-c9pr-q8gx-3mgp.json": `{"id": "GHSA-c9pr-q8gx-3mgp", "affected": [{"package": {"ecosystem": "crates.io", "name": "tauri-plugin-shell"},
		"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.2.1"}]}]}]}`,
	"crates.io/RUSTSEC-2099-0001.json": `{"id": "RUSTSEC-2099-0001", "withdrawn": "2099-01-01T00:00:00Z",
		"affected": [{"package": {"ecosystem": "crates.io", "name": "time"}, "versions": ["0.2.22"]}]}`,
	"npm/GHSA-aaaa-bbbb-cccc.json": `{"id": "GHSA-aaaa-bbbb-cccc", "summary": "Prototype pollution", "database_specific": {"severity": "HIGH"},
		"affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}`,
	"npm/not-a-record.json": `{"hello": "npm"}`,
	"README.md":             "not json",
}

func TestOSVAdvisory(t *testing.T) {
	dir := t.TempDir()
	for name, data := range osvRecords {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"src-tauri/tauri.conf.json": depConf,
		"src-tauri/Cargo.lock": `version = 4
[[package]]
name = "time"
version = "0.2.22"
[[package]]
name = "gdkwayland-sys"
version = "0.18.2"
[[package]]
name = "proc-macro-error"
version = "1.0.4"
[[package]]
name = "tauri-plugin-shell"
version = "2.0.0"
`,
		"package.json":      `{"name": "app"}`,
		"package-lock.json": `{"lockfileVersion": 3, "packages": {"node_modules/lodash": {"version": "4.17.20"}}}`,
	}
	if fs := scanFiles(t, OSVAdvisory, files, rules.LoadOptions{}); len(fs) != 0 {
		t.Errorf("without --osv-db: %+v", fs)
	}
	fs := scanFiles(t, OSVAdvisory, files, rules.LoadOptions{Settings: rules.Settings{OSVDB: dir}})
	var got []string
	for _, f := range fs {
		got = append(got, f.Location.File+":"+strconv.Itoa(f.Location.Start.Line)+":"+string(f.Level)+": "+f.Message)
	}
	want := []string{
		"package-lock.json:1:error: lodash 4.17.20 is affected by GHSA-aaaa-bbbb-cccc: Prototype pollution; fixed in 4.17.21",
		"src-tauri/Cargo.lock:4:warning: time 0.2.22 is affected by RUSTSEC-2020-0071 (CVE-2020-26235): Potential segfault in the time crate; fixed in 0.2.23",
		"src-tauri/Cargo.lock:7:note: 2 informational advisories (unmaintained/unsound notices, e.g. the GTK stack wry/tao pull in) affect gdkwayland-sys, proc-macro-error; informational only [RUSTSEC-2024-0370, RUSTSEC-2024-0411]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A missing database stops the load, naming the flag: it is the
	// user's typo, not a rule's failure.
	_, err := rules.LoadFS(context.Background(), fstest.MapFS{"tauri.conf.json": {Data: []byte(depConf)}},
		rules.LoadOptions{Settings: rules.Settings{OSVDB: filepath.Join(dir, "missing")}})
	var ie *rules.InputError
	if !errors.As(err, &ie) || ie.Flag != "--osv-db" {
		t.Errorf("missing --osv-db dir: %v", err)
	}
}
