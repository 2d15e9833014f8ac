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
		"stars":      "https://" + strings.Repeat("*", 2600),
		"stars-path": "https://example.com/" + strings.Repeat("*", 2600),
		"star-a":     "https://" + strings.Repeat("*a", 1300),
		"names":      "https://example.com/" + uniqueNames(1300),
		"groups":     "https://example.com/" + strings.Repeat("(a)", 900),
	} {
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
			if !sc.AnyHost() {
				t.Errorf("%s: a widened host should admit any host", name)
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
