package audit

import (
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// Scope values come from the scanned project: no spelling may panic.
func FuzzScopeJudgements(f *testing.F) {
	for _, s := range []string{"https://{*.}?evil.com", "https://(.*)/*", "*://*", `http://[\:\:1]:*`, "(", "a(", ":x(",
		"$APPDATA/../..", "~/**", `C:\x\..`, "[!a]*://x", "https:evil.example", "{", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Every judgement is bounded: a pattern whose groups made URL
		// matching take minutes was found here. The bound is on CPU
		// time, which a loaded machine does not stretch.
		testenv.Bounded("FuzzScopeJudgements", testenv.CPULimit(5*time.Second), func() {
			if u, ok := CompileURLScope(s); ok {
				_ = u.Overbroad()
				_, _, _, _ = u.Loopback(), u.Internal(), u.Plaintext(), u.SuffixWildcard()
			}
			_ = sample(s)
			_ = OpenerURLProblem(s)
			_ = OpenerSuffixWildcard(s)
			_ = RootOrHome(s) + UserDirRecursive(s)
			_ = Relative(s) || UnderAppDir(s) || HasDotDot(s)
			if n := NormalizePath(s); NormalizePath(n) != n {
				t.Errorf("NormalizePath is not idempotent on %q: %q then %q", s, n, NormalizePath(n))
			}
		})
	})
}
