package audit

import "testing"

// Opener url entries are globs over the whole URL
// (plugins/opener/src/scope.rs: glob::Pattern::new(url), matches(url)).
func TestOpenerURLProblem(t *testing.T) {
	cases := []struct{ glob, want string }{
		{"https://*", ""},
		{"http://*", ""},
		{"mailto:*", ""},
		{"tel:*", ""},
		{"https://example.com/docs/*", ""},
		{"*", "matches any url"},
		{"*:*", "matches any url"},
		{"*://*", "matches any scheme"},
		{"*://example.com/*", "matches any scheme"},
		{"[fs]*://*", "matches any scheme"},
		{"file://*", "allows the file: scheme"},
		{"FILE:///home/*", "allows the file: scheme"},
		{"smb:*", "allows the smb: scheme"},
		{"myapp://open/*", "allows the myapp: scheme"},
		{"http*://example.com/*", ""},
		// `?` is one character: "https?://" needs a six-letter scheme.
		{"https?://example.com", ""},
		// Regexps read as globs match no URL and grant nothing.
		{`^https://example\.com/.*$`, ""},
		{`https?://.*`, ""},
		// A glob that does not compile fails the command.
		{"https://[", ""},
	}
	for _, c := range cases {
		if got := OpenerURLProblem(c.glob); got != c.want {
			t.Errorf("OpenerURLProblem(%q) = %q, want %q", c.glob, got, c.want)
		}
	}
}

func TestOpenerSuffixWildcard(t *testing.T) {
	cases := []struct {
		glob string
		want bool
	}{
		{"https://example.com*", true},
		{"https://*example.com/*", true},
		{"https://*.microsoft.*", true},
		{"https://*.example.com/*", false},
		{"https://example.com/*", false},
		{"https://*", false},
		{"*", false},
		{"mailto:*", false},
		{`^https://example\.com.*$`, false},
	}
	for _, c := range cases {
		if got := OpenerSuffixWildcard(c.glob); got != c.want {
			t.Errorf("OpenerSuffixWildcard(%q) = %v, want %v", c.glob, got, c.want)
		}
	}
	if h := GlobHost("https://u@*.example.com:*/x"); h != "*.example.com" {
		t.Errorf("GlobHost = %q", h)
	}
}
