package signing

import (
	"regexp"
	"strings"
	"testing"
)

func TestWorkflowLiteralSecret(t *testing.T) {
	for _, c := range []struct {
		name, value string
		input, want bool
	}{
		{"TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "hunter2", false, true},
		{"TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "", false, true}, // an empty placeholder is still a literal
		{"TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "${{ secrets.PW }}", false, false},
		{"APPLE_SIGNING_IDENTITY", "Developer ID Application: X", false, false},
		{"WINDOWS_CERTIFICATE_THUMBPRINT", "ABCD", false, false},
		{"p12-password", "hunter2", true, true},
		{"signing-identity", "x", true, false},
		{"p12-password", "hunter2", false, false}, // not an env name
		{"NODE_VERSION", "20", false, false},
	} {
		if got := WorkflowLiteralSecret(c.name, c.value, c.input); got != c.want {
			t.Errorf("WorkflowLiteralSecret(%q, %q, %v) = %v", c.name, c.value, c.input, got)
		}
	}
}

func TestWorkflowInputSecret(t *testing.T) {
	cases := []struct {
		name, value string
		input       bool
		want        string
	}{
		{"TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "${{ inputs.key_password }}", false, "inputs.key_password"},
		{"APPLE_CERTIFICATE_PASSWORD", "${{ github.event.inputs.cert_pw }}", false, "github.event.inputs.cert_pw"},
		{"p12-password", "${{ inputs.pw || secrets.PW }}", true, "inputs.pw"},
		{"TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "${{ secrets.PW }}", false, ""},
		{"APPLE_SIGNING_IDENTITY", "${{ inputs.identity }}", false, ""},
		{"VERSION", "${{ inputs.version }}", false, ""},
	}
	for _, c := range cases {
		got, ok := WorkflowInputSecret(c.name, c.value, c.input)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s=%s: got %q %v, want %q", c.name, c.value, got, ok, c.want)
		}
	}
}

// TestSecretInputMatchesTheRegexp checks the substring test against the
// case-insensitive expression it replaced, on ASCII input names.
func TestSecretInputMatchesTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?i)(password|passphrase|secret|private[-_]?key|p12|pfx|certificate|signing[-_]?key)`)
	words := []string{"", "password", "PassPhrase", "secret", "private", "key", "private-key", "private_key", "privatekey",
		"private--key", "p12", "pfx", "p1", "certificate", "cert", "signing", "signing-key", "SIGNING_KEY", "signingkey",
		"token", "-", "_", "x", "thumbprint", "identity", "apple"}
	for _, a := range words {
		for _, b := range words {
			for _, sep := range []string{"", "-", "_"} {
				name := a + sep + b
				if got, want := secretInput(strings.ToLower(name)), re.MatchString(name); got != want {
					t.Errorf("%q: got %v, regexp %v", name, got, want)
				}
			}
		}
	}
}
