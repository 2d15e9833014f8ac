package weburl

import "testing"

// Vectors from the WHATWG URL standard's special-scheme parsing, which
// rust-url (and so Tauri's config) follows.
func TestParse(t *testing.T) {
	cases := []struct{ in, scheme, host, path string }{
		{"https://app.example.com/ui", "https", "app.example.com", "/ui"},
		{"https:evil.example", "https", "evil.example", ""},
		{"https:/evil.example/x", "https", "evil.example", "/x"},
		{`https:\\evil.example\a\b?q=\x`, "https", "evil.example", "/a/b"},
		{"HTTP://Localhost:8080", "http", "Localhost:8080", ""},
		{"  http://a.example/\n ", "http", "a.example", "/"},
		{"ht\ttp://a.example", "http", "a.example", ""},
		{"wss:///relay.example", "wss", "relay.example", ""},
		{"tauri://localhost", "tauri", "localhost", ""},
		{"myapp:open", "myapp", "", ""},
	}
	for _, c := range cases {
		u := Parse(c.in)
		if u == nil {
			t.Errorf("Parse(%q) = nil", c.in)
			continue
		}
		if u.Scheme != c.scheme || u.Host != c.host || u.Path != c.path {
			t.Errorf("Parse(%q) = %q %q %q, want %q %q %q", c.in, u.Scheme, u.Host, u.Path, c.scheme, c.host, c.path)
		}
	}
	if u := Parse(`https:\\evil.example\a?q=\x`); u.RawQuery != `q=\x` {
		t.Errorf("query %q", u.RawQuery)
	}
	for _, s := range []string{"", "index.html", "/ui", "../dist", "https:", "https:///", "1http://a", "https://a b/"} {
		if u := Parse(s); u != nil {
			t.Errorf("Parse(%q) = %v, want nil", s, u)
		}
	}
}
