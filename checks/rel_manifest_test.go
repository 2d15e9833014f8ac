package checks

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"aead.dev/minisign"

	"github.com/tauriaudit/tauriaudit/rules"
)

// updaterSigner signs artifacts the way the Tauri CLI does: base64 of a
// minisign signature whose trusted comment lists timestamp, file and (in
// newer CLIs) version.
type updaterSigner struct {
	t      *testing.T
	priv   minisign.PrivateKey
	pubkey string // plugins.updater.pubkey: base64 of the .pub file
}

func newUpdaterSigner(t *testing.T) *updaterSigner {
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	text, err := pub.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	// MarshalText is the .pub file: "untrusted comment: minisign public key: ID\nRW…"
	return &updaterSigner{t: t, priv: priv, pubkey: base64.StdEncoding.EncodeToString(append(text, '\n'))}
}

func (s *updaterSigner) sign(data []byte, file, version string) string {
	tc := "timestamp:1795618250\tfile:" + file
	if version != "" {
		tc += "\tversion:" + version
	}
	sig := minisign.SignWithComments(s.priv, data, tc, "signature from tauri secret key")
	return base64.StdEncoding.EncodeToString(sig)
}

// writeManifest writes dir/name/latest.json and the artifacts it signs.
func writeManifest(t *testing.T, dir, name string, m map[string]any) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, name), 0o755)
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, name, "latest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateManifestRollback checks TA-REL-006 against a real repository
// (tags loose and packed) and manifests signed with trusted comments that
// carry a version: rollback below the app version and below the newest
// release tag of the app (not of another package), prerelease channels,
// the version alias "name", pub_date, the signed version, and platform
// keys with and without a custom updater target in the app's Rust code.
func TestUpdateManifestRollback(t *testing.T) {
	r := newGitRepo(t)
	s := newUpdaterSigner(t)
	r.write("src-tauri/tauri.conf.json", `{"identifier": "com.example.myapp", "productName": "My App", "version": "1.2.5",
		"plugins": {"updater": {"pubkey": "`+s.pubkey+`", "endpoints": ["https://example.com/latest.json"]}}}`)
	r.run("git", "add", ".")
	r.commit("initial")
	for _, tag := range []string{"v1.2.0", "myapp-v1.1.0", "cli-v9.0.0"} {
		r.run("git", "tag", tag)
	}
	r.run("git", "pack-refs", "--all")
	r.run("git", "tag", "-a", "-m", "release", "app-v1.3.0")
	r.run("git", "tag", "v2.0.0-beta.1")
	r.run("git", "tag", "nightly")

	art := filepath.Join(t.TempDir(), "artifacts")
	put := func(name string, data []byte) {
		os.MkdirAll(filepath.Dir(filepath.Join(art, name)), 0o755)
		os.WriteFile(filepath.Join(art, name), data, 0o644)
	}
	appimage, nsis, app := []byte("appimage bytes"), []byte("nsis bytes"), []byte("app.tar.gz bytes")
	put("stable/My App_1.1.0_amd64.AppImage", appimage)
	put("stable/My App_1.1.0_x64-setup.exe", nsis)
	put("ok/My App.app.tar.gz", app)
	writeManifest(t, art, "stable", map[string]any{
		"version": "1.1.0", "pub_date": "2026-13-01T00:00:00Z",
		"platforms": map[string]any{
			"linux-x86_64":        map[string]string{"url": "https://example.com/My App_1.1.0_amd64.AppImage", "signature": s.sign(appimage, "My App_1.1.0_amd64.AppImage", "1.0.0")},
			"windows-x86_64-nsis": map[string]string{"url": "https://example.com/My App_1.1.0_x64-setup.exe", "signature": s.sign(nsis, "My App_1.1.0_x64-setup.exe", "v1.1.0")},
			"linux-riscv64":       map[string]string{"url": "https://example.com/riscv.AppImage", "signature": "x"},
			"darwin-universal":    map[string]string{"url": "https://example.com/u.app.tar.gz", "signature": "x"},
			"windows-x86_64-exe":  map[string]string{"url": "https://example.com/x.exe", "signature": "x"},
			"darwin-aarch64-msi":  map[string]string{"url": "https://example.com/x.msi", "signature": "x"},
		},
	})
	writeManifest(t, art, "ok", map[string]any{
		"name": "v1.4.0", "pub_date": "2026-01-01T00:00:00.5+02:00",
		"platforms": map[string]any{
			"darwin-aarch64-app": map[string]string{"url": "https://example.com/My App.app.tar.gz", "signature": s.sign(app, "My App.app.tar.gz", "1.4.0")},
		},
	})
	writeManifest(t, art, "beta", map[string]any{"version": "2.0.0-alpha.1", "platforms": map[string]any{}})

	run := func() []string {
		projects, err := rules.Load(context.Background(), r.dir, rules.LoadOptions{Settings: rules.Settings{Artifacts: art}})
		if err != nil {
			t.Fatal(err)
		}
		res := rules.Run(context.Background(), projects, []*rules.Rule{UpdateManifestInvalid})
		for _, e := range res.Errors {
			t.Fatalf("%s: %s", e.RuleID, e.Err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, string(f.Level)+" "+f.Location.File+": "+f.Message)
		}
		slices.Sort(got)
		return got
	}
	want := []string{
		"error artifacts/beta/latest.json: version 2.0.0-alpha.1 is lower than the newest release tag v2.0.0-beta.1 (2.0.0-beta.1): a rollback",
		"error artifacts/stable/latest.json: platform linux-x86_64 signature was made for version 1.0.0, the manifest announces 1.1.0: the updater rejects the update",
		`error artifacts/stable/latest.json: pub_date "2026-13-01T00:00:00Z" is not an RFC 3339 date: the updater rejects the whole manifest`,
		"error artifacts/stable/latest.json: version 1.1.0 is lower than the app's own version 1.2.5 (src-tauri/tauri.conf.json): a rollback or a stale manifest",
		"error artifacts/stable/latest.json: version 1.1.0 is lower than the newest release tag app-v1.3.0 (1.3.0): a rollback",
		`warning artifacts/stable/latest.json: unknown platform key "darwin-aarch64-msi": the updater only reads {os}-{arch}[-{installer}] keys`,
		`warning artifacts/stable/latest.json: unknown platform key "darwin-universal": the updater only reads {os}-{arch}[-{installer}] keys`,
		`warning artifacts/stable/latest.json: unknown platform key "windows-x86_64-exe": the updater only reads {os}-{arch}[-{installer}] keys`,
	}
	if got := run(); !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A custom target set in Rust replaces the default lookup: unknown
	// keys are notes. A comment mentioning .target( does not count.
	os.MkdirAll(filepath.Join(r.dir, "src-tauri", "src"), 0o755)
	r.write("src-tauri/src/lib.rs", `// app.updater_builder().target("x")
fn f(app: &tauri::AppHandle) { let u = app.updater_builder().target("darwin-universal").build(); }
`)
	got := run()
	notes := 0
	for _, g := range got {
		if strings.HasPrefix(g, "note ") && strings.Contains(g, "the app sets its own target") {
			notes++
		}
		if strings.HasPrefix(g, "warning ") {
			t.Errorf("with a custom target: %s", g)
		}
	}
	if notes != 3 {
		t.Errorf("want 3 notes with a custom target, got:\n%s", strings.Join(got, "\n"))
	}
	r.write("src-tauri/src/lib.rs", "// app.updater_builder().target(\"x\")\nfn f() { let s = \".target(\"; }\n")
	if got := run(); !slices.Equal(got, want) {
		t.Errorf("a commented-out target changed the result:\n%s", strings.Join(got, "\n"))
	}
}

// TestUpdateManifestShape: a manifest whose version is a number is
// reported as such, not as broken JSON; one without platforms or url
// offers nothing. A manifest named like a static endpoint is checked too;
// one named like a templated endpoint is not a static manifest.
func TestUpdateManifestShape(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "artifacts")
	for name, body := range map[string]string{
		"number/latest.json": `{"version": 2, "platforms": {}}`,
		"broken/latest.json": `{"version": "1.0.0",`,
		"empty/latest.json":  `{"version": "1.0.0"}`,
		"stable.json":        `{"version": "1.0", "platforms": {}}`,
		"other.json":         `{"version": "1.0", "platforms": {}}`,
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	conf := `{"identifier": "com.example.app", "plugins": {"updater": {"pubkey": "", "endpoints": [
		"https://example.com/channel/stable.json", "https://example.com/{{target}}/other.json"]}}}`
	fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(conf)}}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{Settings: rules.Settings{Artifacts: dir}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rules.Run(context.Background(), projects, []*rules.Rule{UpdateManifestInvalid}).Findings {
		got = append(got, f.Location.File+": "+f.Message)
	}
	slices.Sort(got)
	want := []string{
		"artifacts/broken/latest.json: broken/latest.json is not valid JSON: unexpected end of JSON input",
		"artifacts/empty/latest.json: the manifest has neither platforms nor url: the updater finds no update in it",
		"artifacts/number/latest.json: number/latest.json: version is a JSON number, not what the updater reads",
		`artifacts/stable.json: version "1.0" is not semver`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
