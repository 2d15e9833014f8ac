package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// UnusedCommandsKept reports apps on Tauri 2.4+ with plugins that do not
// strip the plugin commands no capability grants.
var UnusedCommandsKept = &rules.Rule{
	ID:       "TA-CFG-018",
	Name:     "unused-commands-kept",
	Title:    "plugin commands no capability grants are compiled in",
	Level:    rules.Note,
	Severity: 1.5,
	Tags:     []string{"config"},
	CWE:      []int{1164},
	Doc: `Since Tauri 2.4, build.removeUnusedCommands: true makes the build drop every plugin command that no
static capability grants. Without it, all commands of every plugin stay in the binary, only
kept unreachable by the ACL; a capability added at runtime, or a future mistake in one, can
expose them.

Reported when Cargo.lock locks tauri 2.4 or later and the app's Cargo.toml depends on at least
one tauri-plugin-* crate.

**Fix:** set build.removeUnusedCommands to true.

Bad:

~~~json
{ "build": { "frontendDist": "../dist" } }
~~~

Good:

~~~json
{ "build": { "frontendDist": "../dist", "removeUnusedCommands": true } }
~~~

**False positives:** apps that add capabilities at runtime (Manager::add_capability) need the
commands those capabilities grant; the option would strip them. The dynamic-acl Cargo feature
is on by default, so it does not tell such apps apart. Silent when the tauri version is unknown.`,
	Run: unusedCommandsKept,
}

func unusedCommandsKept(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) || tauriVersion(p) == nil || versionBefore(tauriVersion(p), "2.4.0") {
		return nil
	}
	plugins := pluginCrates(p)
	if len(plugins) == 0 {
		return nil
	}
	for _, t := range p.Targets {
		if t.Config == nil {
			continue
		}
		n := t.Config.At("build", "removeUnusedCommands")
		if n.IsTrue() {
			continue
		}
		loc := n.Location()
		if n == nil {
			loc = t.Config.AbsentLocation("build", "removeUnusedCommands")
		}
		pass.ReportOn(t, rules.Finding{Location: loc, Subject: "removeUnusedCommands",
			Message: fmt.Sprintf("build.removeUnusedCommands is off: every command of the app's %s stays compiled in", countNoun(len(plugins), "plugin"))})
	}
	return nil
}

// pluginCrates lists the tauri-plugin-* dependencies of the app's
// Cargo.toml (plain and per-target), sorted.
func pluginCrates(p *rules.Project) []string {
	manifest := p.Parse(p.Path("Cargo.toml"), rules.TOML)
	tables := []*source.Node{manifest.Get("dependencies")}
	for _, m := range manifest.Get("target").Members() {
		tables = append(tables, m.Value.Get("dependencies"))
	}
	var out []string
	for _, deps := range tables {
		for _, name := range deps.Keys() {
			if strings.HasPrefix(name, "tauri-plugin-") && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// countNoun renders "1 plugin" or "3 plugins".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
