package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// updaterOf returns t's plugins.updater section (v1: tauri.updater).
func updaterOf(t *rules.Target) *source.Node {
	if u := t.Config.Field("plugins").Field("updater"); u != nil {
		return u
	}
	return t.Config.Field("tauri").Field("updater")
}
