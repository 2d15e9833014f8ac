package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// v1Verdict is the outcome of recognising a Tauri v1 config (spec §4.2).
type v1Verdict struct {
	V1      bool
	Signals []string // the strong signals found, for the message
}

// isV1 reports whether the app's base config is a Tauri v1 config. v2
// rules skip such apps (their keys mean nothing there) and the TA-V1 rules
// take over.
func isV1(p *rules.Project) bool { return v1Recognise(p).V1 }

func v1Recognise(p *rules.Project) *v1Verdict {
	v, _ := p.Memo("checks.v1", func() any { return recogniseV1(p) }).(*v1Verdict)
	return v
}

// recogniseV1 scores the config: two strong signals make a v1 config, a
// locked tauri 1.x counts as one more, and each v2 counter-signal cancels
// one. A locked 2.0.0-alpha means an early v2 config, whatever its shape.
func recogniseV1(p *rules.Project) *v1Verdict {
	if p.Base == nil {
		return &v1Verdict{}
	}
	root := p.Base.Root
	signals := v1StrongSignals(root)
	score := len(signals) - v2CounterSignals(p, root)
	lock := tauriVersion(p)
	if lock != nil && strings.HasPrefix(lock.Version, "1.") {
		score++
	}
	if lock != nil && strings.HasPrefix(lock.Version, "2.0.0-alpha") {
		return &v1Verdict{Signals: signals}
	}
	return &v1Verdict{V1: len(signals) > 0 && score >= 2, Signals: signals}
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
func v2CounterSignals(p *rules.Project, root *source.Node) int {
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
	count(len(p.FilesUnder(p.Path("capabilities"))) > 0)
	return n
}
