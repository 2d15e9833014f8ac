package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// configTags returns the tags of a config rule: "security" (GitHub shows
// only tagged rules as security alerts), "config", and one
// external/cwe/cwe-N tag per CWE number.
func configTags(cwes ...string) []string {
	out := []string{"security", "config"}
	for _, c := range cwes {
		out = append(out, "external/cwe/cwe-"+c)
	}
	return out
}

// appWindows returns the app.windows entries of t's config.
func appWindows(t *rules.Target) []*source.Node {
	return configAt(t.Config, "app", "windows").Items()
}

// windowLabel returns a window's label; Tauri defaults it to "main".
func windowLabel(w *source.Node) string {
	if s, ok := w.Get("label").Str(); ok {
		return s
	}
	return "main"
}
