package audit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// TestURLScopeComplexPatternsBounded: patterns with thousands of groups
// (wildcards, named groups, wildcards between characters) are judged in
// bounded CPU time, and as admitting at least what they admit.
func TestURLScopeComplexPatternsBounded(t *testing.T) {
	for name, s := range map[string]string{
		// All under the length bound (maxPatternLen), so the group
		// bound is what keeps them cheap.
		"stars":      "https://" + strings.Repeat("*", 2000),
		"stars-path": "https://example.com/" + strings.Repeat("*", 2000),
		"star-a":     "https://" + strings.Repeat("*a", 1000),
		"names":      "https://example.com/" + uniqueNames(250),
		"groups":     "https://example.com/" + strings.Repeat("(a)", 600),
	} {
		if len(s) > 2048 {
			t.Fatalf("%s: %d bytes, over the length bound", name, len(s))
		}
		cpu := testenv.StartCPU()
		sc, ok := CompileURLScope(s)
		if el := cpu.Elapsed(); el > testenv.CPULimit(2e9) {
			t.Errorf("%s: %v of CPU", name, el)
		}
		if !ok {
			t.Errorf("%s: not compiled", name)
			continue
		}
		if name == "stars" || name == "star-a" {
			if !sc.AnyHost() || !strings.Contains(sc.Overbroad(), "more than 64 groups") {
				t.Errorf("%s: a widened host should admit any host, and say why: %q", name, sc.Overbroad())
			}
		}
	}
	// Below the bound nothing is widened.
	sc, ok := CompileURLScope("https://" + strings.Repeat("*.", 10) + "example.com")
	if !ok || sc.AnyHost() {
		t.Errorf("a pattern under the bound was widened: ok=%v anyHost=%v", ok, sc.AnyHost())
	}
}

func uniqueNames(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ":n%d-", i)
	}
	return b.String()
}

// TestURLScopeLongPatternsBounded: go-urlpattern parses in quadratic time,
// so a pattern over the length bound is judged as admitting everything, in
// bounded time; one at the bound is still parsed and judged as written.
func TestURLScopeLongPatternsBounded(t *testing.T) {
	for name, s := range map[string]string{
		"path-64k":  "https://example.com/" + strings.Repeat("a", 64<<10),
		"utf8-64k":  "https://example.com/" + strings.Repeat("é", 32<<10),
		"host-64k":  "https://" + strings.Repeat("a.", 32<<10) + "example.com",
		"relative":  "/" + strings.Repeat("a/", 32<<10),
		"malformed": "https://[" + strings.Repeat("%", 64<<10),
	} {
		cpu := testenv.StartCPU()
		sc, ok := CompileURLScope(s)
		if el := cpu.Elapsed(); el > testenv.CPULimit(1e9) {
			t.Errorf("%s: %v of CPU", name, el)
		}
		if !ok || !sc.AnyHost() || !sc.Admits("https", "evil.example") || !strings.Contains(sc.Overbroad(), "longer than the 2048 bytes tauriaudit judges") {
			t.Errorf("%s: a pattern over the bound should be judged as admitting every URL, and say why: ok=%v anyHost=%v %q",
				name, ok, sc.AnyHost(), sc.Overbroad())
		}
	}
	atBound := "https://example.com/" + strings.Repeat("a", 2048-len("https://example.com/"))
	sc, ok := CompileURLScope(atBound)
	if !ok || sc.AnyHost() || !sc.Admits("https", "example.com") || sc.Overbroad() != "" {
		t.Errorf("a pattern at the bound should be judged as written: ok=%v anyHost=%v %q", ok, sc.AnyHost(), sc.Overbroad())
	}
}
