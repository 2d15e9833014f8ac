package capabilities

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestIsLocalURL(t *testing.T) {
	b, a, v2111 := mustVersion("2.8.2"), mustVersion("2.0.6"), mustVersion("2.11.1")
	cases := []struct {
		url  string
		c    LocalConfig
		want bool
	}{
		// (a) the app protocol URL (tauri-acl §9.5).
		{"tauri://localhost", LocalConfig{Platform: source.MacOS, Version: b}, true},
		{"tauri://localhost/index.html", LocalConfig{Platform: source.Linux, Version: b}, true},
		{"http://tauri.localhost", LocalConfig{Platform: source.Windows, Version: b}, true},
		{"https://tauri.localhost", LocalConfig{Platform: source.Windows, Version: b}, true},
		{"https://tauri.localhost", LocalConfig{Platform: source.Windows, Version: a}, false},
		{"https://tauri.localhost", LocalConfig{Platform: source.Windows, Version: a, UseHTTPSScheme: true}, true},
		{"http://tauri.localhost", LocalConfig{Platform: source.Linux, Version: b}, false},
		{"tauri://localhost", LocalConfig{Platform: source.Windows, Version: b}, false},
		{"http://localhost", LocalConfig{Platform: source.MacOS, Version: b}, false},
		// (b) same scheme, host and port as the frontend URL.
		{"http://localhost:1420", LocalConfig{Platform: source.Linux, Version: b, FrontendURL: "http://localhost:1420/"}, true},
		{"http://localhost:1420/x", LocalConfig{Platform: source.Linux, Version: b, FrontendURL: "http://localhost:1420"}, true},
		{"http://localhost:1421", LocalConfig{Platform: source.Linux, Version: b, FrontendURL: "http://localhost:1420"}, false},
		{"https://app.example.com", LocalConfig{Platform: source.Linux, Version: b, FrontendURL: "https://app.example.com:443/ui"}, true},
		{"http://app.example.com", LocalConfig{Platform: source.Linux, Version: b, FrontendURL: "https://app.example.com"}, false},
		// (c) custom URI schemes.
		{"stream://localhost/a", LocalConfig{Platform: source.MacOS, Version: b, URISchemes: []string{"stream"}}, true},
		{"stream://localhost/a", LocalConfig{Platform: source.MacOS, Version: b}, false},
		{"http://stream.localhost/a", LocalConfig{Platform: source.Windows, Version: b, URISchemes: []string{"stream"}}, true},
		{"http://stream.evil.com/a", LocalConfig{Platform: source.Windows, Version: b, URISchemes: []string{"stream"}}, true},
		{"http://stream.evil.com/a", LocalConfig{Platform: source.Windows, Version: v2111, URISchemes: []string{"stream"}}, false},
		{"https://stream.localhost/a", LocalConfig{Platform: source.Android, Version: b, URISchemes: []string{"stream"}}, false},
		{"::bad", LocalConfig{Platform: source.Linux}, false},
	}
	for _, c := range cases {
		if got := IsLocalURL(c.url, c.c); got != c.want {
			t.Errorf("IsLocalURL(%q, %+v) = %v", c.url, c.c, got)
		}
	}
}

func TestACLChecked(t *testing.T) {
	old, newer := mustVersion("2.8.2"), mustVersion("2.11.1")
	remote := RemoteOrigin("https://evil.com")
	cases := []struct {
		cmd    string
		hasApp bool
		o      Origin
		v      Version
		want   bool
	}{
		{"plugin:fs|read", false, LocalOrigin(), old, true},
		{"greet", false, LocalOrigin(), old, false},
		{"greet", false, remote, old, false},
		{"greet", false, remote, newer, true},
		{"greet", false, LocalOrigin(), newer, false},
		{"greet", true, LocalOrigin(), old, true},
		{ChannelFetch, true, remote, newer, false},
	}
	for _, c := range cases {
		if got := ACLChecked(c.cmd, c.hasApp, c.o, c.v); got != c.want {
			t.Errorf("ACLChecked(%q, %v, %+v, %s) = %v", c.cmd, c.hasApp, c.o, c.v, got)
		}
	}
}

func TestCommandScopes(t *testing.T) {
	r := resolveText(t, `[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
scope.allow = ["a"]
`, `{"identifier":"main","windows":["main"],"permissions":["x:allow-read","x:allow-read",{"identifier":"x:allow-read","deny":["d"]}]}`)
	hits := r.ResolveAccess("plugin:x|read", "main", "main", LocalOrigin())
	scopes := r.CommandScopes(hits)
	if len(hits) != 3 || len(scopes) != 3 || scopes[2].ID != 3 || Value(scopes[2].Deny[0]) != "d" {
		t.Fatalf("hits %d scopes %d", len(hits), len(scopes))
	}
	// Provenance keeps the nodes: the leaf's own scope value in the
	// permission file, the extension's in the capability.
	if loc := scopes[0].Allow[0].Location(); loc.File != "x.toml" || loc.Start.Line != 4 {
		t.Errorf("scope value at %+v", loc)
	}
	if loc := scopes[2].Deny[0].Location(); loc.File != "cap.json" {
		t.Errorf("extension value at %+v", loc)
	}
	if g := hits[0]; g.Permission.Source != "x.toml" || g.Permission.Node.Location().Start.Line != 1 || g.LeafID() != "x:allow-read" {
		t.Errorf("provenance %q %v %q", g.Permission.Source, g.Permission.Node.Location(), g.LeafID())
	}
}

// resolveText resolves one capability against one TOML permission file
// of plugin "x" on linux.
func resolveText(t testing.TB, perms, capJSON string) *Resolved {
	t.Helper()
	root, _, err := source.ParseTOML(source.NewFile("x.toml", []byte(perms)))
	if err != nil {
		t.Fatal(err)
	}
	m, probs := PluginManifest("x", []Doc{{Path: "x.toml", Root: root}})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	caps, probs := ParseCapabilityDoc(mustJSON(t, "cap.json", capJSON), FromConfig, Version{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return Resolve(NewACL(m), caps, source.Linux, Version{})
}
