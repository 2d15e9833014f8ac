package signing

import (
	"strings"
	"testing"
)

func TestWorkflowSecretsBounded(t *testing.T) {
	ok := "on: push\nenv:\n  TAURI_SIGNING_PRIVATE_KEY_PASSWORD: hunter2\n"
	hits, err := WorkflowSecrets([]byte(ok))
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	huge := ok + "x: [" + strings.Repeat("0,", maxWorkflowBytes/2) + "0]\n"
	if _, err := WorkflowSecrets([]byte(huge)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("a workflow over the limit was parsed: %v", err)
	}
}
