package audit

import (
	"slices"
	"testing"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestHighRiskRefs(t *testing.T) {
	v := buildView(t, source.Linux, map[string]string{
		"capabilities/main.json": `{"identifier":"main","windows":["main"],"permissions":[
			"core:window:allow-create", "core:event:allow-emit", "core:app:allow-version"]}`,
		"capabilities/web.json": `{"identifier":"web","windows":["main"],"remote":{"urls":["https://*.example.com"]},
			"permissions":["core:event:allow-emit", "core:window:allow-create"]}`,
		"capabilities/off.json": `{"identifier":"off","platforms":["windows"],"windows":["main"],"permissions":["core:webview:allow-create-webview-window"]}`,
	})
	got := v.HighRiskRefs()
	want := []capabilities.RiskRef{
		{Command: "plugin:window|create", Capability: "main"},
		// emit is high-risk only from remote origins (rules.md §0.4).
		{Command: "plugin:event|emit", Capability: "web", Remote: true},
		{Command: "plugin:window|create", Capability: "web", Remote: true},
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %+v in %+v", w, got)
		}
	}
	for _, r := range got {
		if r.Command == "plugin:app|version" || r.Capability == "off" || (r.Capability == "main" && r.Command == "plugin:event|emit") {
			t.Errorf("not high-risk here: %+v", r)
		}
	}
}
