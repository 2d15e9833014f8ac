package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// WorkflowLiteralSecret reports workflows that set signing secrets to
// literal values.
var WorkflowLiteralSecret = &rules.Rule{
	ID:       "TA-GIT-006",
	Name:     "workflow-literal-secret",
	Title:    "a workflow sets a signing secret to a literal value",
	Level:    rules.Error,
	Severity: "9.1",
	Tags:     gitTags("798"),
	Doc: `A GitHub Actions workflow that assigns the updater key, a signing password or a certificate to a
literal value publishes it to everyone who can read the repository. Checked: env maps at workflow,
job and step level for TAURI_SIGNING_*, TAURI_PRIVATE_KEY, APPLE_PASSWORD, APPLE_CERTIFICATE*,
APPLE_API_KEY, WINDOWS_CERTIFICATE* and other signing *_PASSWORD/*_SECRET/*_PIN variables, and
credential-like action inputs (with: p12-password, private-key, …).

**Fix:** use repository or environment secrets.

Bad:

~~~yaml
env:
  TAURI_SIGNING_PRIVATE_KEY_PASSWORD: hunter2
~~~

Good:

~~~yaml
env:
  TAURI_SIGNING_PRIVATE_KEY_PASSWORD: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY_PASSWORD }}
~~~

**False positives:** APPLE_SIGNING_IDENTITY, APPLE_TEAM_ID, APPLE_ID and certificate thumbprints
are identifiers. An empty value ("") is only a placeholder and reported as a warning.`,
	Run: workflowLiteralSecret,
}

func workflowLiteralSecret(pass *rules.Pass) error {
	for _, rel := range pass.Project.FilesUnder(".") {
		if !isWorkflowPath(rel) || !strings.HasSuffix(rel, ".yml") && !strings.HasSuffix(rel, ".yaml") {
			continue
		}
		f := pass.Project.Read(rel)
		if f == nil {
			continue
		}
		hits, _ := pass.Project.ScanMemo("signing.workflowSecrets:"+rel, func() any {
			hits, err := signing.WorkflowSecrets(f.Data)
			if err != nil {
				return []signing.WorkflowHit(nil) // not YAML: nothing GitHub would run either
			}
			return hits
		}).([]signing.WorkflowHit)
		for _, h := range hits {
			f := rules.Finding{Location: gitLineColSpan(f, h.Line, h.Col, h.Len), Subject: h.Name,
				Message: fmt.Sprintf("%s is set to a literal value instead of a secret", h.Name)}
			if h.Empty {
				f.Level = rules.Warning
				f.Message = fmt.Sprintf("%s is set to an empty literal; use a secret", h.Name)
			}
			pass.Report(f)
		}
	}
	return nil
}

// lineColSpan locates n bytes at a 1-based line and byte column.
func gitLineColSpan(f *source.File, line, col, n int) source.Location {
	off := f.LineStart(line) + col - 1 // indexed: a workflow may have 100k hits
	return f.Span(off, off+n)
}
