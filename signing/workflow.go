package signing

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// secretInputWords mark action inputs (with:) that take credentials,
// found anywhere in the lowercased name. Input ids are ASCII (letters,
// digits, "-" and "_"), so a substring test is the case-insensitive
// match a regexp did, at a tenth of its cost on every input of every
// step.
var secretInputWords = []string{"password", "passphrase", "secret", "privatekey", "private-key", "private_key",
	"p12", "pfx", "certificate", "signingkey", "signing-key", "signing_key"}

func secretInput(lower string) bool {
	for _, w := range secretInputWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// WorkflowLiteralSecret reports whether a GitHub Actions workflow entry
// puts a signing secret in the file as a literal: an env variable
// (input false) or action input (input true) with a secret's name whose
// value is neither a ${{ secrets.* }} / ${{ vars.* }} expression nor a
// reference to where the secret is kept. The workflow itself is parsed
// once, by deps.
func WorkflowLiteralSecret(name, value string, input bool) bool {
	if !workflowSecretName(name, input) {
		return false
	}
	return !strings.Contains(value, "${{") && !IsReference(value)
}

// workflowSecretName: env names from TA-GIT-004/005 plus the prefixes
// rules.md lists for TA-GIT-006; for action inputs, credential-like names.
func workflowSecretName(name string, input bool) bool {
	if input {
		l := strings.ToLower(name)
		return secretInput(l) && !strings.Contains(l, "thumbprint") && !strings.Contains(l, "identity")
	}
	if SecretVariable(name) != 0 {
		return true
	}
	if notSecretVars[name] || strings.HasSuffix(name, "_THUMBPRINT") {
		return false
	}
	return strings.HasPrefix(name, "TAURI_SIGNING_") || strings.HasPrefix(name, "WINDOWS_CERTIFICATE")
}

// inputRef matches an expression that reads a workflow input:
// ${{ inputs.x }} (workflow_dispatch and workflow_call) or
// ${{ github.event.inputs.x }} (workflow_dispatch).
var inputRef = lazyre.New(`\$\{\{[^}]*?\b((?:github\.event\.)?inputs\.[A-Za-z0-9_-]+)`)

// WorkflowInputSecret reports a signing secret fed from a workflow input
// and returns the input expression. Input values are not secrets: they
// are stored with the run's event and shown to anyone who can read the
// run, unmasked.
func WorkflowInputSecret(name, value string, input bool) (string, bool) {
	if !workflowSecretName(name, input) {
		return "", false
	}
	m := inputRef.FindStringSubmatch(value)
	if m == nil {
		return "", false
	}
	return m[1], true
}
