package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// WorkflowLiteralSecret reports workflows that set signing secrets to
// literal values.
var WorkflowLiteralSecret = &rules.Rule{
	ID:       "TA-GIT-006",
	Name:     "workflow-literal-secret",
	Title:    "a workflow sets a signing secret to a literal value",
	Level:    rules.Error,
	Severity: 9.1,
	Tags:     []string{"git"},
	CWE:      []int{798},
	Doc: `A GitHub Actions workflow that assigns the updater key, a signing password or a certificate to a
literal value publishes it to everyone who can read the repository. Checked: env maps at workflow,
job and step level for TAURI_SIGNING_*, TAURI_PRIVATE_KEY, APPLE_PASSWORD, APPLE_CERTIFICATE*,
APPLE_API_KEY, WINDOWS_CERTIFICATE* and other signing *_PASSWORD/*_SECRET/*_PIN variables, and
credential-like action inputs (with: p12-password, private-key, docker/login-action's password, …)
and container or service registry logins (credentials: password). Any env, with or credentials
value and any run line that holds a provider credential is reported too, whatever its name: the
same detectors as TA-GIT-007 (GitHub and npm tokens only when their checksum matches; an AWS key id
without its secret, a Google API key: warnings; a Stripe test key: a note). The
signing names fed from a workflow input (` + "`${{ inputs.x }}`, `${{ github.event.inputs.x }}`" + `, of
workflow_dispatch or workflow_call) are reported too: input values are stored with the run's event
and shown to anyone who can read the run, unmasked, so a password typed into the "Run workflow"
form is published.

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
	d := rules.SecretDetector.Of(pass.Project)
	for _, w := range rules.Workflows.Of(pass.Project).All {
		for _, a := range w.Assignments {
			if in, ok := signing.WorkflowInputSecret(a.Key, a.Value, a.Input); ok {
				pass.Report(rules.Finding{Location: a.Loc, Subject: a.Key,
					Message: fmt.Sprintf("%s is fed from the workflow input %s, which is stored with the run and shown unmasked to anyone who can read it", a.Key, in)})
				continue
			}
			if f, ok := literalSecretFinding(d, a); ok {
				pass.Report(f)
			}
		}
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				reportRunTokens(pass, d, s)
			}
		}
	}
	return nil
}

// literalSecretFinding judges one env/with/credentials entry: a signing
// secret's name with a literal value, or any name holding a well-known
// token.
func literalSecretFinding(d *secretrules.Detector, a *deps.Assignment) (rules.Finding, bool) {
	f := rules.Finding{Location: a.Loc, Subject: a.Key}
	switch {
	case signing.WorkflowLiteralSecret(a.Key, a.Value, a.Input):
		f.Message = fmt.Sprintf("%s is set to a literal value instead of a secret", a.Key)
		if strings.TrimSpace(a.Value) == "" {
			f.Level = rules.Warning
			f.Message = fmt.Sprintf("%s is set to an empty literal; use a secret", a.Key)
		}
	default:
		ms := d.Tokens(a.Value)
		if len(ms) == 0 {
			return f, false
		}
		f.Message = fmt.Sprintf("%s is set to a literal %s instead of a secret", a.Key, tokenKind(ms[0]))
		f.Level = tokenLevel(ms[0])
	}
	return f, true
}

// reportRunTokens reports well-known tokens written into a step's run
// script.
func reportRunTokens(pass *rules.Pass, d *secretrules.Detector, s *deps.Step) {
	if s.Run == nil {
		return
	}
	for _, l := range s.Run.Lines {
		if ms := d.Tokens(l.Text); len(ms) > 0 {
			kind := tokenKind(ms[0])
			pass.Report(rules.Finding{Location: l.Loc, Subject: "run:" + kind, Level: tokenLevel(ms[0]),
				Message: fmt.Sprintf("step %s writes a literal %s into its script instead of reading a secret", stepName(s), kind)})
		}
	}
}

// tokenKind names a detector's credential briefly: its description
// before any parenthesis ("GitHub token", "AWS access key").
func tokenKind(m secretrules.Match) string {
	kind, _, _ := strings.Cut(m.Description, " (")
	return kind
}

// tokenLevel is the level the detector judged (a Stripe test key is a
// note, an AWS key id without its secret a warning); "" keeps the rule's.
func tokenLevel(m secretrules.Match) rules.Level {
	switch m.Level {
	case secretrules.Warning:
		return rules.Warning
	case secretrules.Note:
		return rules.Note
	}
	return ""
}
