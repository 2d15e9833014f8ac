package signing

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestMayHoldUpdaterKey(t *testing.T) {
	comment := "untrusted comment: rsign encrypted secret key"
	body := strings.Repeat("QUJD", 25) // 100 base64 characters
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"base64 marker with body", base64.StdEncoding.EncodeToString([]byte(comment)) + body, true},
		{"comment line then key line", comment + "\n" + body + "\n", true},
		{"prefix quoted in docs", "the key starts with `" + comment + "` and more", false},
		{"short body", comment + "\n" + body[:40], false},
		{"binary head", "\x00" + comment + "\n" + body, false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := MayHoldUpdaterKey([]byte(tt.head)); got != tt.want {
			t.Errorf("%s: MayHoldUpdaterKey = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestKeySearchCandidate(t *testing.T) {
	for p, want := range map[string]bool{"src/main.rs": true, "README.md": true, "icons/icon.PNG": false, "bin/tool.exe": false} {
		if got := KeySearchCandidate(p); got != want {
			t.Errorf("KeySearchCandidate(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsWorkflowPath(t *testing.T) {
	for p, want := range map[string]bool{".github/workflows/ci.yml": true, "app/.github/workflows/r.yml": true,
		"docs/github/workflows/x.yml": false, ".github/dependabot.yml": false} {
		if got := IsWorkflowPath(p); got != want {
			t.Errorf("IsWorkflowPath(%q) = %v, want %v", p, got, want)
		}
	}
}
