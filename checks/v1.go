package checks

import "github.com/tauriaudit/tauriaudit/rules"

// isV1 reports whether the app's base config is a Tauri v1 config: v2
// rules of every family skip such apps.
func isV1(p *rules.Project) bool { return rules.V1.Of(p).V1 }
