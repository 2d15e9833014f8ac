package audit

import (
	"strings"
	"testing"

	urlpattern "github.com/dunglas/go-urlpattern"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// TestURLScopeAdmitsAsWholePattern: matching the path once per scheme and
// the scheme and host with any path gives what matching the whole pattern
// against every probe URL gives (the components are independent).
func TestURLScopeAdmitsAsWholePattern(t *testing.T) {
	patterns := []string{"https://tauri.app", "https://*", "*://*", "*", "https://(.*)/*", "https://:tenant.example.com",
		"https://{*.}?evil.com", "*://x.com", "https://*.com", "http://192.168.*", "http://169.254.169.254/latest/*",
		"tauri://localhost", "myapp://*", "https:evil.example", "http://localhost:1420", `http://[\:\:1]:*`, "/api/*",
		"https://evil.example/api/*", "https://x.com/(a|b)/c", "file:///etc/*", "myapp:/path", "h:/pstt/x",
		"HTTPS://x.com/a/../b", "https://x.com/%41", "ftp://x/*", `https://x.com/a\\b`, "*://x.com/a b",
		"myapp://host/a/./b", "x:/a/:id", "*://*/a/../*", "{http}?://x.com/p"}
	schemes := []string{"https", "http", "wss", "ws", "ftp", "file", "x-tauriaudit-probe", "tauri", "myapp", "h", "x"}
	for _, s := range patterns {
		u, ok := compileURLScope(s)
		if !ok {
			t.Errorf("%q does not compile", s)
			continue
		}
		whole := wholePattern(t, s)
		for _, scheme := range schemes {
			for _, host := range u.hosts() {
				want := false
				for _, p := range u.paths {
					want = want || whole.Test(scheme+"://"+host+p, "")
				}
				if got := u.Admits(scheme, host); got != want {
					t.Errorf("%q: Admits(%s, %s) = %v, the whole pattern says %v", s, scheme, host, got, want)
				}
			}
		}
	}
}

// wholePattern is the pattern with only port, query and fragment widened,
// the form the audit matched every probe URL against before paths were
// matched once per scheme.
func wholePattern(t *testing.T, s string) *urlpattern.URLPattern {
	t.Helper()
	p, err := capabilities.CompileRemoteURL(s)
	if err != nil {
		t.Fatal(err)
	}
	star := "*"
	proto, host, path := p.Protocol(), p.Hostname(), p.Pathname()
	w, err := (&urlpattern.URLPatternInit{Protocol: &proto, Username: &star, Password: &star, Hostname: &host,
		Port: &star, Pathname: &path, Search: &star, Hash: &star}).New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestURLScopeLongComponentsBounded: a pattern under the length bound
// whose path or host is long was matched against probes as long as itself
// with every probe host, in time that grows with the square of the length
// (the first of these, found by FuzzScopeJudgements, took 4 s). Each is
// now judged in a small fraction of that, and as admitting what it admits.
func TestURLScopeLongComponentsBounded(t *testing.T) {
	del := strings.Repeat("\x7f", 1973)
	for _, c := range []struct {
		name, pattern string
		web           bool
	}{
		{"custom-path", "h:/pstt/{*" + del + ".}?evil.com", false},
		{"web-path", "https://evil.example/{*" + del + ".}?x", true},
		{"web-path-plain", "https://evil.example/" + strings.Repeat("a", 1990), true},
		{"glob-path", "https://evil.example/**" + strings.Repeat("\ufffd", 650), true},
		// No host on the network has a name this long.
		{"long-host", "https://*" + strings.Repeat("a", 1990) + ".com", false},
		{"long-optional-host", "https://{*" + strings.Repeat("a", 1990) + ".}?evil.com", true},
		{"long-alternative-host", "http://(" + strings.Repeat("a", 1990) + "|b).com", true},
	} {
		if len(c.pattern) > 2048 {
			t.Fatalf("%s: %d bytes, over the length bound", c.name, len(c.pattern))
		}
		cpu := testenv.StartCPU()
		u, ok := compileURLScope(c.pattern)
		if el := cpu.Elapsed(); el > testenv.CPULimit(1e9) {
			t.Errorf("%s: %v of CPU", c.name, el)
		}
		if !ok {
			t.Errorf("%s: not compiled", c.name)
			continue
		}
		if u.Web() != c.web || u.AnyHost() {
			t.Errorf("%s: web=%v anyHost=%v, want web=%v and not every host", c.name, u.Web(), u.AnyHost(), c.web)
		}
	}
}

// TestURLScopeLongAlternativeHost: a hostname whose regexp has a long first
// alternative is still probed with its sample, so a short alternative's
// plain-http grant is reported.
func TestURLScopeLongAlternativeHost(t *testing.T) {
	u, ok := compileURLScope("http://(" + strings.Repeat("a", 300) + "|b).example.com")
	if !ok || !u.Plaintext() {
		t.Errorf("ok=%v plaintext=%v", ok, u.Plaintext())
	}
}

// TestURLScopeLongPathStillNamesItsHost: a path too long to probe is taken
// as admitted, so the host's grants are reported.
func TestURLScopeLongPathStillNamesItsHost(t *testing.T) {
	u, ok := compileURLScope("http://evil.example/(a)" + strings.Repeat("b", 400))
	if !ok || !u.Admits("http", "evil.example") || !u.Plaintext() || u.Admits("http", "attacker.test") {
		t.Errorf("ok=%v admits=%v plaintext=%v", ok, u.Admits("http", "evil.example"), u.Plaintext())
	}
}

func TestWithoutOptionalParts(t *testing.T) {
	for in, want := range map[string]string{
		"{*.}?evil.com":     "evil.com",
		"{a.}*b":            "b",
		"(a|b)?.c":          ".c",
		":sub?.example.com": ".example.com",
		":sub(x+)?.example": ".example",
		`\{a.}?b`:           `\{a.b`,
		"api.example.com":   "api.example.com",
		"*.example.com":     "*.example.com",
		"{a.}evil.com":      "{a.}evil.com",
		"{unclosed":         "{unclosed",
		"(unclosed":         "(unclosed",
	} {
		if got := withoutOptionalParts(in); got != want {
			t.Errorf("withoutOptionalParts(%q) = %q, want %q", in, got, want)
		}
	}
}
