package tauriconfig

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func parseTOML(t testing.TB, text string) *source.Node {
	t.Helper()
	n, _, err := source.ParseTOML(source.NewFile("Tauri.toml", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func parseJSON(t testing.TB, text string) *source.Node {
	t.Helper()
	n, _, err := source.ParseJSON(source.NewFile("tauri.conf.json", []byte(text)), false)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestForVersionPicksRelease(t *testing.T) {
	for _, tc := range []struct {
		locked, used string
		exact        bool
		note         string
	}{
		{"2.8.2", "2.8.2", true, ""},
		{"2.0.0", "2.0.0", true, ""},
		{"2.0.5", "2.0.3", false, "nearest known release for the locked 2.0.5"},
		{"2.99.0", Versions()[len(Versions())-1], false, "nearest known release for the locked 2.99.0"},
		{"", Versions()[len(Versions())-1], false, "no tauri version is locked"},
		{"2.0.0-rc.3", "2.0.0", false, "nearest known release for the locked 2.0.0-rc.3"},
		{"not-a-version", Versions()[len(Versions())-1], false, "nearest known release"},
	} {
		sh, err := ForVersion(tc.locked)
		if err != nil {
			t.Fatal(err)
		}
		c := sh.Choice
		if c.Used != tc.used || c.Exact != tc.exact || !strings.Contains(c.Note(), tc.note) {
			t.Errorf("ForVersion(%q) = %+v, note %q; want used %s exact %v note ~%q", tc.locked, c, c.Note(), tc.used, tc.exact, tc.note)
		}
	}
}

// Every alias Tauri declares is spelled canonically after loading,
// including the irregular ones a mechanical kebab-case guess gets wrong.
func TestCanonicalizeAliases(t *testing.T) {
	cfg := parseTOML(t, `
identifier = "x.y.z"
product-name = "x"
[build]
frontend-dist = "../dist"
additional-watch-directories = ["a"]
[app]
macos-private-api = true
enable-gtk-app-id = true
[app.security]
asset-protocol = { enable = true, scope = { allow = ["$APPDATA/*"], require-literal-leading-dot = false } }
[[app.windows]]
title-bar-style = "Overlay"
[bundle.macos]
hardened-runtime = false
[bundle.ios]
minimum-system-version = "14.0"
[bundle.windows.nsis]
install-icon = "i.ico"
`)
	sh, _ := ForVersion("2.8.2")
	if issues := sh.Canonicalize(cfg); len(issues) != 0 {
		t.Fatalf("unexpected issues: %v", msgs(issues))
	}
	for _, ptr := range []string{
		"/productName", "/build/frontendDist", "/build/additionalWatchFolders",
		"/app/macOSPrivateApi", "/app/enableGTKAppId",
		"/app/security/assetProtocol/scope/requireLiteralLeadingDot",
		"/app/windows/0/titleBarStyle", "/bundle/macOS/hardenedRuntime",
		"/bundle/iOS/minimumSystemVersion", "/bundle/windows/nsis/installerIcon",
	} {
		if cfg.Lookup(ptr) == nil {
			t.Errorf("%s not found after canonicalization; keys: %v", ptr, cfg.Keys())
		}
	}
	if issues := sh.Validate(cfg); len(issues) != 0 {
		t.Errorf("valid config rejected: %v", msgs(issues))
	}
}

// A key that only looks like an alias is not one: Tauri rejects it.
func TestNotAnAlias(t *testing.T) {
	cfg := parseTOML(t, "identifier = \"x.y.z\"\n[bundle.windows.nsis]\ninstaller-icon = \"i.ico\"\n")
	sh, _ := ForVersion("2.8.2")
	sh.Canonicalize(cfg)
	issues := sh.Validate(cfg)
	if len(issues) != 1 || !strings.Contains(issues[0].Msg, "unknown field `installer-icon`") ||
		!strings.Contains(issues[0].Msg, "did you mean `installerIcon`") {
		t.Fatalf("got %v", msgs(issues))
	}
	if loc := issues[0].Location(); loc.Start.Line != 3 || loc.Start.Col != 1 {
		t.Errorf("reported at %d:%d, want the key at 3:1", loc.Start.Line, loc.Start.Col)
	}
}

func TestValidateRejects(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{`{"identifier":"x.y.z","app":{"windows":[{"label":"main","fullscren":true}]}}`, "unknown field `fullscren` in app.windows[0] (did you mean `fullscreen`?)"},
		{`{"identifier":"x.y.z","app":{"security":{"csp":5}}}`, "app.security.csp"},
		{`{"identifier":"x.y.z","bundle":{"macOS":{"hardenedRuntime":"no"}}}`, "bundle.macOS.hardenedRuntime: got string, want boolean"},
		{`{"identifier":"x.y.z","plugins":{"anything":{"goes":1}},"app":{"withGlobalTauri":1}}`, "app.withGlobalTauri: got integer, want boolean"},
		{`{"productName":"x"}`, "missing required field `identifier`"},
		{`{"identifier":"x.y.z","bundle":{"macOS":{},"macos":{}}}`, "duplicate field: `macos` is Tauri's alias of `macOS`"},
	} {
		cfg := parseJSON(t, tc.config)
		sh, _ := ForVersion("2.8.2")
		issues := sh.Canonicalize(cfg)
		issues = append(issues, sh.Validate(cfg)...)
		if len(issues) != 1 || !strings.Contains(issues[0].Msg, tc.want) || !issues[0].Error {
			t.Errorf("%s: got %q, want one error containing %q", tc.config, msgs(issues), tc.want)
		}
	}
}

func TestVersionMatters(t *testing.T) {
	// bundle.linux.appimage.files arrived after 2.0; an older release rejects
	// keys it does not know. Find one key the newest schema has and 2.0.0 lacks.
	cfg := `{"identifier":"x.y.z","app":{"windows":[{"label":"m","preventOverflow":true}]}}`
	old, _ := ForVersion("2.0.0")
	issues := old.Validate(parseJSON(t, cfg))
	cur, _ := ForVersion("2.8.2")
	now := cur.Validate(parseJSON(t, cfg))
	if len(issues) != 1 || len(now) != 0 {
		t.Fatalf("2.0.0: %v; 2.8.2: %v", msgs(issues), msgs(now))
	}
}

func msgs(is []Issue) []string {
	var out []string
	for _, i := range is {
		out = append(out, i.Msg)
	}
	return out
}

func FuzzShape(f *testing.F) {
	f.Add(`{"identifier":"x","app":{"windows":[{"widht":1}]},"bundle":{"macos":{},"macOS":{}}}`)
	f.Add(`{"build":{"frontendDist":{"a":1}},"app":{"security":{"capabilities":[{"identifier":"a","x":1}]}}}`)
	f.Add(`[1,2,{"a":null}]`)
	sh, _ := ForVersion("")
	f.Fuzz(func(t *testing.T, text string) {
		n, _, err := source.ParseJSON(source.NewFile("f.json", []byte(text)), false)
		if err != nil || n == nil {
			return
		}
		for _, is := range sh.Canonicalize(n) {
			_ = is.Location()
		}
		for _, is := range sh.Validate(n) {
			_ = is.Location()
		}
	})
}
