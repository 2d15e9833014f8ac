package tauriconfig

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// V1Verdict is the outcome of recognising a Tauri v1 config (spec §4.2).
type V1Verdict struct {
	V1      bool
	Signals []string // the strong signals found, for the message
}

// RecogniseV1 scores an app's base config root: two strong signals make a
// v1 config, a locked tauri 1.x (lockedTauri, "" when unknown) counts as
// one more, and each v2 counter-signal cancels one (capabilityFiles: the
// app has files under capabilities/). A locked 2.0.0-alpha means an early
// v2 config, whatever its shape.
func RecogniseV1(root *source.Node, lockedTauri string, capabilityFiles bool) V1Verdict {
	if root == nil {
		return V1Verdict{}
	}
	signals := v1StrongSignals(root)
	score := len(signals) - v2CounterSignals(root, capabilityFiles)
	if strings.HasPrefix(lockedTauri, "1.") {
		score++
	}
	if strings.HasPrefix(lockedTauri, "2.0.0-alpha") {
		return V1Verdict{Signals: signals}
	}
	return V1Verdict{V1: len(signals) > 0 && score >= 2, Signals: signals}
}

// v1StrongSignals lists the strong v1 signals of spec §4.2 found in root.
func v1StrongSignals(root *source.Node) []string {
	var out []string
	add := func(ok bool, what string) {
		if ok {
			out = append(out, what)
		}
	}
	tauri := root.Get("tauri")
	pkg := root.Get("package")
	build := root.Get("build")
	add(tauri.Is(source.Object), `top-level "tauri"`)
	add(tauri.Get("allowlist") != nil, `"tauri.allowlist"`)
	add(pkg.Is(source.Object) && (pkg.Field("productName") != nil || pkg.Get("version") != nil), `top-level "package"`)
	add(tauri.Get("bundle").Get("identifier") != nil && root.Get("identifier") == nil, `"tauri.bundle.identifier"`)
	add(build.Field("distDir") != nil || build.Field("devPath") != nil || build.Field("withGlobalTauri") != nil,
		`"build.distDir"/"devPath"`)
	add(v1OnlyKeys(root), "v1-only keys")
	return out
}

// v1OnlyKeys finds keys that exist only in v1 (spec §4.2 signal 6).
func v1OnlyKeys(root *source.Node) bool {
	tauri := root.Get("tauri")
	sec := tauri.Get("security")
	for _, n := range []*source.Node{tauri.Get("updater"), tauri.Get("systemTray"), tauri.Get("cli"),
		sec.Get("dangerousRemoteDomainIpcAccess"), sec.Get("dangerousUseHttpScheme"),
		tauri.Get("bundle").Get("windows").Get("webviewFixedRuntimePath")} {
		if n != nil {
			return true
		}
	}
	for _, t := range root.Get("bundle").Get("targets").Items() {
		if t.String() == "updater" {
			return true
		}
	}
	return false
}

// v2CounterSignals counts the v2 markers of spec §4.2.
func v2CounterSignals(root *source.Node, capabilityFiles bool) int {
	n := 0
	count := func(ok bool) {
		if ok {
			n++
		}
	}
	count(root.Get("identifier") != nil && root.Get("app").Is(source.Object))
	count(strings.Contains(root.Get("$schema").String(), "schema.tauri.app/config/2"))
	count(root.Get("plugins").Get("updater") != nil)
	count(root.At("app", "security", "capabilities") != nil)
	count(capabilityFiles)
	return n
}
