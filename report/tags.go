package report

import (
	"strconv"

	"github.com/tauriaudit/tauriaudit/rules"
)

// Tags are a rule's tags as SARIF and the docs show them: "security"
// (GitHub shows only rules tagged so as security alerts), the rule's own
// area tags, then external/cwe/cwe-N for each CWE.
func Tags(r *rules.Rule) []string {
	out := append([]string{"security"}, r.Tags...)
	for _, n := range r.CWE {
		out = append(out, "external/cwe/cwe-"+strconv.Itoa(n))
	}
	return out
}
