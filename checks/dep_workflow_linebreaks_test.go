package checks

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules"
)

// A workflow is audited whatever line breaks it uses: yaml.v3, like
// YAML 1.1, also ends lines at a lone CR, NEL, LS and PS, and a run:
// block's expressions in such a file used to go unread.
func TestScriptInjectionWithEveryLineBreak(t *testing.T) {
	const wf = "on: issues{B}jobs:{B}  a:{B}    runs-on: ubuntu-latest{B}    steps:{B}" +
		"      - run: |{B}          echo ok{B}          echo \"${{ github.event.issue.title }}\"{B}"
	for name, br := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r", "NEL": "\u0085", "LS": "\u2028", "PS": "\u2029"} {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{"src-tauri/tauri.conf.json": depConf, ".github/workflows/triage.yml": strings.ReplaceAll(wf, "{B}", br)}
			got := scanFiles(t, WorkflowScriptInjection, files, rules.LoadOptions{})
			if len(got) != 1 || !strings.Contains(got[0].Message, "github.event.issue.title") {
				t.Fatalf("findings %v, want the issue title's injection", got)
			}
		})
	}
}
