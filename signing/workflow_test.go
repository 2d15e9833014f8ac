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
