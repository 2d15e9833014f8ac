package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

func write(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

const minimalConfig = `{"identifier": "com.example.app"}`

func TestDiscoveryAndPrecedence(t *testing.T) {
	fsys := fstest.MapFS{
		"a/src-tauri/tauri.conf.json":         {Data: []byte(minimalConfig)},
		"a/src-tauri/tauri.conf.json5":        {Data: []byte(`{identifier: 'ignored'}`)},
		"a/src-tauri/tauri.linux.conf.json":   {Data: []byte(`{"app": {"withGlobalTauri": true}}`)},
		"b/Tauri.toml":                        {Data: []byte("identifier = \"com.example.b\"\n")},
		"node_modules/x/src-tauri/Tauri.toml": {Data: []byte("identifier = \"hidden\"\n")},
		"target/debug/tauri.conf.json":        {Data: []byte(minimalConfig)},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, p := range ps {
		dirs = append(dirs, p.Dir)
	}
	if got := strings.Join(dirs, ","); got != "a/src-tauri,b" {
		t.Fatalf("apps %s, want a/src-tauri,b (node_modules and target skipped)", got)
	}
	a := ps[0]
	if id := a.Base.Root.Get("identifier").String(); id != "com.example.app" {
		t.Errorf("base config %q: tauri.conf.json must win over .json5", id)
	}
	if got := platformsOf(a); got != "linux,macOS,windows" {
		t.Errorf("platforms %s, want the desktop three", got)
	}
	linux, mac := a.Targets[0], a.Targets[1]
	if !linux.Config.Get("app").Get("withGlobalTauri").IsTrue() || mac.Config.Get("app") != nil {
		t.Error("the linux file must merge into the linux target only")
	}
	if f := linux.Config.Get("app").Get("withGlobalTauri").File.Path; f != "a/src-tauri/tauri.linux.conf.json" {
		t.Errorf("merged value points at %s, want the platform file", f)
	}
}

func TestMobileTargetsNeedEvidence(t *testing.T) {
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json":              {Data: []byte(minimalConfig)},
		"src-tauri/gen/android/build.gradle.kts": {Data: []byte("")},
		"src-tauri/tauri.ios.conf.json":          {Data: []byte(`{}`)},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := platformsOf(ps[0]); got != "linux,macOS,windows,android,iOS" {
		t.Errorf("platforms %s", got)
	}
	ps, _ = LoadFS(context.Background(), fsys, LoadOptions{Platforms: []source.Platform{source.Windows}})
	if got := platformsOf(ps[0]); got != "windows" {
		t.Errorf("explicit platforms %s, want windows", got)
	}
}

func platformsOf(p *Project) string {
	var s []string
	for _, pf := range p.Platforms() {
		s = append(s, string(pf))
	}
	return strings.Join(s, ",")
}

// TestHostileInputs: each bad input becomes a problem naming the file and
// the rest of the app still loads; nothing panics or hangs.
func TestHostileInputs(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, outside, "secret.json", []byte(`{"identifier": "outside"}`))
	write(t, root, "src-tauri/tauri.conf.json", []byte("{\r\n  \"identifier\": \"com.example.app\",\r\n  \"identifier\": \"dup\"\r\n}\r\n"))
	write(t, root, "src-tauri/capabilities/bom.json", append([]byte("\xef\xbb\xbf"), `{"identifier": "bom", "permissions": []}`...))
	write(t, root, "src-tauri/capabilities/utf8.json", []byte("{\"identifier\": \"bad\xff\"}"))
	write(t, root, "src-tauri/capabilities/deep.json", []byte(strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)))
	big := make([]byte, 50<<20)
	write(t, root, "src-tauri/capabilities/big.json", big)
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(root, "src-tauri", "capabilities", "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "src-tauri", "capabilities", "fifo.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	cpu := testenv.StartCPU()
	ps, err := Load(context.Background(), root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	for _, name := range []string{"bom", "utf8", "deep", "big", "link", "fifo"} {
		p.Parse("src-tauri/capabilities/"+name+".json", JSONStrict)
	}
	if d := cpu.Elapsed(); d > 20*time.Second {
		t.Errorf("hostile inputs took %v of CPU time", d)
	}
	want := map[string]string{
		"src-tauri/tauri.conf.json":        `duplicate key "identifier"`,
		"src-tauri/capabilities/bom.json":  "byte order mark",
		"src-tauri/capabilities/utf8.json": "invalid UTF-8",
		"src-tauri/capabilities/deep.json": "nesting deeper than 128",
		"src-tauri/capabilities/big.json":  "over the 8388608-byte limit",
		"src-tauri/capabilities/link.json": "outside the scanned root",
		"src-tauri/capabilities/fifo.json": "not a regular file",
	}
	got := map[string]string{}
	for _, pr := range p.Problems() {
		got[pr.Loc.File] += pr.Msg + "; "
	}
	for file, msg := range want {
		if !strings.Contains(got[file], msg) {
			t.Errorf("%s: problems %q, want one containing %q", file, got[file], msg)
		}
	}
	if p.Base == nil || p.Base.Root.Get("identifier").String() != "dup" {
		t.Error("the config with a duplicate key must still load, last value winning as in serde_json")
	}
	if p.Parse("src-tauri/capabilities/bom.json", JSONStrict) == nil {
		t.Error("a file with a BOM is reported but still audited")
	}
}

// TestSiblingPrefixDirs guards the path index: WalkDir lists "crates/"
// before "crates-tauri/", but lookups need byte order ('-' sorts before '/').
func TestSiblingPrefixDirs(t *testing.T) {
	fsys := fstest.MapFS{
		"crates/lib/Cargo.toml":                   {Data: []byte("")},
		"crates-tauri/app/tauri.conf.json":        {Data: []byte(minimalConfig)},
		"crates-tauri/app/capabilities/main.json": {Data: []byte(`{}`)},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ps[0].Base == nil {
		t.Fatal("config under crates-tauri/ not found")
	}
	if got := ps[0].FilesUnder("crates-tauri/app/capabilities"); len(got) != 1 {
		t.Errorf("FilesUnder: %v", got)
	}
}
