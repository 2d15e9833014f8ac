package capabilities

import "testing"

func TestRemoteURLPattern(t *testing.T) {
	cases := []struct {
		pattern string
		yes, no []string
	}{
		// tauri-acl §9.4 and §12.20.
		{"http://*", []string{"http://tauri.app/path?q=1", "http://tauri.app", "http://a.b.c/"},
			[]string{"http://localhost:1420/", "http://localhost:1420", "https://tauri.app"}},
		{"https://*.tauri.app", []string{"https://api.tauri.app", "https://a.b.tauri.app/x?y#z"},
			[]string{"https://tauri.app", "http://api.tauri.app", "https://x.tauri.app.evil.com", "https://evil.com/?https://x.tauri.app"}},
		{"https://tauri.*", []string{"https://tauri.app.evil.com", "https://tauri.app"}, []string{"https://tauri.app:8443"}},
		{"*://localhost", []string{"http://localhost", "https://localhost/x", "tauri://localhost"},
			[]string{"http://localhost:1420"}},
		{"https://tauri.app/api/*", []string{"https://tauri.app/api/", "https://tauri.app/api/x"},
			[]string{"https://tauri.app/api", "https://tauri.app/"}},
		{"http://localhost:*", []string{"http://localhost:1420/index.html", "http://localhost"}, []string{"http://127.0.0.1:1420"}},
		{"http://localhost:1420", []string{"http://localhost:1420", "http://localhost:1420/a?b#c"}, []string{"http://localhost:1421"}},
		{"http://localhost:80", []string{"http://localhost/"}, []string{"http://localhost:8080/"}},
		// Pathname "/" and empty search/hash widen to "*".
		{"https://x.com/", []string{"https://x.com/a/b", "https://x.com"}, nil},
		{"https://x.com?", []string{"https://x.com/?q=1"}, nil},
		{"https://x.com#", []string{"https://x.com/#frag"}, nil},
		{"https://a.com?x", []string{"https://a.com/?x", "https://a.com/p?x"}, []string{"https://a.com/?y", "https://a.com/"}},
		// Without a scheme only pathname, search and hash can be written.
		{"*", []string{"https://evil.com", "http://localhost:1420", "tauri://localhost"}, nil},
		{"", []string{"https://evil.com"}, nil},
		{"/api/*", []string{"https://any.host:81/api/x"}, []string{"https://any.host/other"}},
		{"mentor://localhost/*", []string{"mentor://localhost/a"}, []string{"mentor://other/a"}},
	}
	for _, c := range cases {
		p, err := CompileRemoteURL(c.pattern)
		if err != nil {
			t.Errorf("CompileRemoteURL(%q): %v", c.pattern, err)
			continue
		}
		for _, u := range c.yes {
			if !p.Test(u) {
				t.Errorf("%q should match %q", c.pattern, u)
			}
		}
		for _, u := range c.no {
			if p.Test(u) {
				t.Errorf("%q should not match %q", c.pattern, u)
			}
		}
	}
}

func TestRemoteURLPatternComponents(t *testing.T) {
	p, err := CompileRemoteURL("https://tauri.app")
	if err != nil {
		t.Fatal(err)
	}
	// tauri-acl §13.3: no port written means the default port only.
	if p.Port() != "" || p.Hostname() != "tauri.app" || p.Protocol() != "https" || p.Pathname() != "*" {
		t.Errorf("components %q %q %q %q", p.Protocol(), p.Hostname(), p.Port(), p.Pathname())
	}
}

func TestRemoteURLPatternErrors(t *testing.T) {
	for _, s := range []string{"https://(", "https://a.com/:id([", "a/..", "$APPDATA/../.."} {
		if _, err := CompileRemoteURL(s); err == nil {
			t.Errorf("CompileRemoteURL(%q) accepted", s)
		}
	}
	var nilPattern *URLPattern
	if nilPattern.Test("https://a.com") || nilPattern.Hostname() != "" {
		t.Error("nil pattern")
	}
}
