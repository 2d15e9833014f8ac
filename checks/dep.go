package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
)

// depPlural returns "1 entry" / "3 entries" style counts.
func depPlural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// signingPrefixes name the secrets of a signing or release job: the
// updater key (v2 and v1 names), Apple notarisation/codesigning and
// Windows certificates.
var signingPrefixes = []string{"TAURI_SIGNING_", "TAURI_PRIVATE_KEY", "TAURI_KEY_PASSWORD", "APPLE_", "WINDOWS_CERTIFICATE"}

// isSigningName reports whether a variable or secret name is one of the
// signing credentials.
func isSigningName(name string) bool {
	u := strings.ToUpper(name)
	for _, pre := range signingPrefixes {
		if strings.HasPrefix(u, pre) {
			return true
		}
	}
	return false
}

// jobSigningSecrets returns the signing credentials job j handles: secrets
// with a signing name, and signing-named variables filled from any secret
// (TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.UPDATER_KEY }}).
func jobSigningSecrets(w *deps.Workflow, j *deps.Job) []string {
	set := map[string]bool{}
	for _, name := range w.JobSecrets(j) {
		if isSigningName(name) {
			set[name] = true
		}
	}
	for _, kv := range w.JobKVs(j) {
		if isSigningName(kv.Key) && len(kv.SecretRefs()) > 0 {
			set[kv.Key] = true
		}
	}
	return deps.SortedKeys(set)
}

// depClip shortens s to n bytes for messages.
func depClip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// depList joins names for messages, at most n of them.
func depList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// stepName names a step for messages: its name, id or position.
func stepName(s *deps.Step) string {
	switch {
	case s.Name != "":
		return fmt.Sprintf("%q", s.Name)
	case s.ID != "":
		return fmt.Sprintf("%q", s.ID)
	}
	return fmt.Sprintf("#%d", s.Index+1)
}

// logicalLines returns a run script's lines as logical shell lines
// (continuations joined), positioned in the workflow file.
func logicalLines(p *rules.Project, lines []deps.ScriptLine) []shell.Text {
	texts := make([]shell.Text, len(lines))
	for i, l := range lines {
		texts[i] = shell.NewText(p.Files(), l.Text, l.Loc)
	}
	return shell.LogicalLines(texts)
}
