package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

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
