package signing

import "testing"

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
