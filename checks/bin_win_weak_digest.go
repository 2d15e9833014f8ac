package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// WinWeakDigest reports a weak Authenticode file digest.
var WinWeakDigest = &rules.Rule{
	ID:       "TA-BIN-004",
	Name:     "win-weak-digest",
	Title:    "windows signing uses a weak digest algorithm",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"bin"},
	CWE:      []int{328},
	Doc: `bundle.windows.digestAlgorithm is sha1 or md5: the Authenticode file digest can be collided,
so a different file could carry the same signature, and current Windows versions distrust SHA-1
signatures.

**Fix:** use "sha256", which is also what Tauri uses when the field is unset.

~~~json
{ "bundle": { "windows": { "digestAlgorithm": "sha256" } } }
~~~`,
	Run: winWeakDigest,
}

func winWeakDigest(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		n := binBundle(t).Field("windows").Field("digestAlgorithm")
		if d := strings.ToLower(n.String()); d == "sha1" || d == "md5" {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: d,
				Message: fmt.Sprintf("digestAlgorithm %q is weak; use sha256", n.String())})
		}
	}
	return nil
}
