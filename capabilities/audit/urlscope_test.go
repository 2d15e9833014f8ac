package audit

import "testing"

// Probe vectors: each pattern is compiled as Tauri compiles remote.urls
// and http scope entries (crates/tauri-utils/src/acl/mod.rs
// RemoteUrlPattern, plugins/http/src/scope.rs parse_url_pattern: the same
// widening) and judged by what it matches.
func TestURLScopeJudgements(t *testing.T) {
	cases := []struct {
		pattern                     string
		web, anyHost, anyScheme     bool
		loopback, internal, plain   bool
		suffix, overbroad           string
		suffixWildcard, plainAndTLS bool
	}{
		{pattern: "https://tauri.app", web: true},
		{pattern: "https://*", web: true, anyHost: true, overbroad: "matches every host"},
		{pattern: "http://*", web: true, anyHost: true, plain: true, overbroad: "matches every host"},
		{pattern: "*://*", web: true, anyHost: true, anyScheme: true, plain: true, plainAndTLS: true, overbroad: "matches every host"},
		{pattern: "*", web: true, anyHost: true, anyScheme: true, plain: true, plainAndTLS: true, overbroad: "matches every host"},
		{pattern: "/api/*", web: true, anyHost: true, anyScheme: true, plain: true, plainAndTLS: true, overbroad: "matches every host"},
		// A regexp group that spans every host is every host.
		{pattern: "https://(.*)/*", web: true, anyHost: true, overbroad: "matches every host"},
		{pattern: "https://:tenant.example.com", web: true},
		{pattern: "https://*.*", web: true, anyHost: true, overbroad: "matches every host"},
		// A regexp that admits one host, and an optional subdomain group:
		// neither is every host, neither breaks a dot boundary.
		{pattern: `https://(evil\.example)`, web: true},
		{pattern: "https://{*.}?evil.com", web: true},
		{pattern: "https://(api|www).example.com", web: true},
		// Alternatives over the scheme.
		{pattern: "(https|wss)://*", web: true, anyHost: true, overbroad: "matches every host"},
		{pattern: "http{s}?://x.com", web: true, plain: true, plainAndTLS: true},
		{pattern: "*://x.com", web: true, anyScheme: true, plain: true, plainAndTLS: true, overbroad: "matches any scheme, plain http included"},
		// Shared suffixes.
		{pattern: "https://*.com", web: true, suffix: "com", overbroad: "matches every site under the public suffix .com"},
		{pattern: "https://*.github.io", web: true, suffix: "github.io", overbroad: "matches every site under the public suffix .github.io"},
		{pattern: "https://{*.}?vercel.app", web: true, suffix: "vercel.app", overbroad: "matches every site under the public suffix .vercel.app"},
		{pattern: "https://*.example.com", web: true},
		// Suffix wildcards (TA-SCP-018).
		{pattern: "https://example.com*", web: true, suffixWildcard: true},
		{pattern: "https://*example.com", web: true, suffixWildcard: true},
		{pattern: "https://api.example.*", web: true, suffixWildcard: true},
		{pattern: "https://api.example.:tld", web: true, suffixWildcard: true},
		{pattern: "https://*.microsoft.*", web: true, suffixWildcard: true},
		// Loopback and private networks.
		{pattern: "http://localhost:*", web: true, loopback: true, internal: true},
		{pattern: "http://127.0.0.1:1420", web: true, loopback: true, internal: true},
		{pattern: `http://[\:\:1]:*`, web: true, loopback: true, internal: true},
		{pattern: "*://localhost", web: true, anyScheme: true, loopback: true, internal: true, plainAndTLS: true},
		{pattern: "http://*.localhost", web: true, loopback: true, internal: true},
		// tauri.localhost is Tauri's own origin for a page, but the http plugin
		// resolves it like any name under .localhost: to this machine.
		{pattern: "http://tauri.localhost", web: true, internal: true},
		// The URL host parser canonicalises the fixed text "192.168." as
		// the IPv4 address 192.0.0.168 (WHATWG and rust-url alike), so this
		// pattern admits no 192.168.x.y host: only names that start with
		// "192.0.0.168", without a dot boundary.
		{pattern: "http://192.168.*", web: true, plain: true, suffixWildcard: true},
		{pattern: "http://192.168.1.10:8080", web: true, internal: true, plain: true},
		{pattern: "http://169.254.169.254/latest/*", web: true, internal: true, plain: true},
		{pattern: "https://*.internal", web: true, internal: true},
		{pattern: "http://api.example.com", web: true, plain: true},
		{pattern: "ws://api.example.com", web: true, plain: true},
		// Custom schemes are the app's own.
		{pattern: "tauri://localhost"},
		{pattern: "myapp://*"},
		// Without slashes ":evil" is a named group in a path pattern, not a
		// host: the pattern is relative and admits no web page.
		{pattern: "https:evil.example"},
	}
	for _, c := range cases {
		u, ok := CompileURLScope(c.pattern)
		if !ok {
			t.Errorf("%q does not compile", c.pattern)
			continue
		}
		got := []bool{u.Web(), u.AnyHost(), u.AnyScheme(), u.Loopback(), u.Internal(), u.Plaintext(), u.SuffixWildcard(), u.PlainAndTLS()}
		want := []bool{c.web, c.anyHost, c.anyScheme, c.loopback, c.internal, c.plain, c.suffixWildcard, c.plainAndTLS}
		names := []string{"Web", "AnyHost", "AnyScheme", "Loopback", "Internal", "Plaintext", "SuffixWildcard", "PlainAndTLS"}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %s = %v, want %v", c.pattern, names[i], got[i], want[i])
			}
		}
		if s := u.SharedSuffix(); s != c.suffix {
			t.Errorf("%q: SharedSuffix = %q, want %q", c.pattern, s, c.suffix)
		}
		if o := u.Overbroad(); o != c.overbroad {
			t.Errorf("%q: Overbroad = %q, want %q", c.pattern, o, c.overbroad)
		}
	}
}

func TestURLScopeProbes(t *testing.T) {
	u, _ := CompileURLScope("http://localhost:1420")
	for _, c := range []struct {
		scheme, host string
		want         bool
	}{{"http", "localhost", true}, {"https", "localhost", false}, {"http", "127.0.0.1", false}} {
		if got := u.Admits(c.scheme, c.host); got != c.want {
			t.Errorf("Admits(%s, %s) = %v", c.scheme, c.host, got)
		}
	}
	if _, ok := CompileURLScope("https://("); ok {
		t.Error("an invalid pattern compiled")
	}
	var zero URLScope
	if zero.Web() || zero.AnyHost() || zero.Admits("https", "a") {
		t.Error("the zero URLScope admits something")
	}
}

// TestURLScopeMemoAgrees: the verdicts made with Admits remembered while
// compiling equal those made without, and a compiled (shared) scope holds
// no memo.
func TestURLScopeMemoAgrees(t *testing.T) {
	for _, s := range []string{"https://tauri.app", "https://*", "*://*", "*", "https://(.*)/*", "https://:tenant.example.com",
		"https://*.*", `https://(evil\.example)`, "https://{*.}?evil.com", "*://x.com", "https://*.com", "https://*.github.io",
		"https://{*.}?vercel.app", "https://example.com*", "https://api.example.:tld", "http://192.168.*",
		"http://169.254.169.254/latest/*", "https://*.internal", "ws://api.example.com", "tauri://localhost", "myapp://*",
		"https:evil.example", "http://localhost:1420", `http://[\:\:1]:*`, "http://*.localhost/*", "/api/*"} {
		u, ok := compileURLScope(s)
		if !ok {
			t.Errorf("%q does not compile", s)
			continue
		}
		if u.memo != nil || u.pathMemo != nil {
			t.Errorf("%q: the compiled scope keeps its memo", s)
		}
		if fresh := u.judge(); fresh != u.v {
			t.Errorf("%q: verdicts with the memo %+v, without %+v", s, u.v, fresh)
		}
	}
}
