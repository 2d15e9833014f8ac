package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// GlobalScopeCrossWindow reports scope-only permissions whose global
// scope other capabilities' commands inherit.
var GlobalScopeCrossWindow = &rules.Rule{
	ID:       "TA-SCP-021",
	Name:     "global-scope-cross-window",
	Title:    "a scope-only permission widens other windows' commands",
	Level:    rules.Error,
	Severity: 7.2,
	Tags:     []string{"scope"},
	CWE:      []int{863, 269},
	Doc: `A scope-only permission — ` + "`fs:scope`" + `, ` + "`fs:scope-<dir>*`" + `, the scope half of the built-in
` + "`fs:allow-<dir>-*`" + ` sets, any permission that allows no command — puts its paths or URLs into the
plugin's **global scope**. Tauri merges the global scopes of all active capabilities per plugin,
whatever their windows, webviews or remote settings, and every command of that plugin consults it
(tauri-acl §7.5, §9.6). So capability B, for other windows or for remote origins, that grants any
command of the same plugin inherits capability A's paths: a settings window granted
` + "`fs:allow-home-read-recursive`" + ` gives a low-trust window that only has ` + "`fs:allow-write-text-file`" + ` write
access to all of ` + "`$HOME`" + `.

The finding is an error when B covers other windows or webviews than A, or has remote origins A
does not; a warning when they cover the same windows (the leak is then across commands: write
commands pick up a scope meant for reads). Global values inside the app's own directories, the
opener's default URLs and deny values are not reported. A capability that names no window still
contributes its global scope and is treated as covering no window.

**Fix:** attach scopes to the command permissions
(` + "`{ \"identifier\": \"fs:allow-read-text-file\", \"allow\": [...] }`" + `) instead of scope-only permissions or
the ` + "`allow-<dir>-*`" + ` sets whenever windows differ in trust.

**False positives:** single-capability apps are unaffected. The ROS v2 audit (TAU2-049) reported
cross-window scope merging as resolved, but every resolver version read still merges global scopes
app-wide; a two-window runtime test would settle it.`,
	Run: globalScopeCrossWindow,
}

// globalSource is one capability entry that contributes allow values to
// a plugin's global scope.
type globalSource struct {
	key   string
	cap   *capabilities.Capability
	entry *capabilities.Entry
	vals  []string
}

func globalScopeCrossWindow(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, src := range globalSources(v) {
			if f, ok := crossWindowFinding(v, src); ok {
				pass.ReportOn(t, f)
			}
		}
	})
	return nil
}

// globalSources groups the reportable global allow values per entry.
func globalSources(v *audit.View) []*globalSource {
	var out []*globalSource
	index := map[*capabilities.Entry]*globalSource{}
	for _, key := range sortedKeys(v.Global) {
		for _, s := range v.Global[key] {
			txt, ok := globalLeakValue(key, s)
			if !ok {
				continue
			}
			src := index[s.Entry]
			if src == nil || src.key != key {
				src = &globalSource{key: key, cap: s.Cap, entry: s.Entry}
				index[s.Entry] = src
				out = append(out, src)
			}
			if !slices.Contains(src.vals, txt) {
				src.vals = append(src.vals, txt)
			}
		}
	}
	return out
}

// globalLeakValue returns a global allow value worth reporting.
func globalLeakValue(key string, s *audit.ScopeVal) (string, bool) {
	if s.Deny {
		return "", false
	}
	switch key {
	case "fs":
		p, ok := fsPathOf(s)
		return p, ok && !audit.UnderAppDir(p)
	case "opener":
		u, ok := s.Str("url")
		return u, !ok || !slices.Contains(audit.DefaultOpenerURLs, u)
	}
	return scopeText(key, s), true
}

func crossWindowFinding(v *audit.View, src *globalSource) (rules.Finding, bool) {
	var others []string
	level := rules.Warning
	var related []rules.Related
	for _, g := range v.LiveOf(src.key) {
		if g.Cap == src.cap || slices.Contains(others, g.Cap.Identifier) {
			continue
		}
		others = append(others, g.Cap.Identifier)
		related = append(related, rules.Related{Location: g.Entry.Node.Location(), Message: "command of capability " + g.Cap.Identifier})
		if !sameAudience(src.cap, g.Cap) {
			level = rules.Error
		}
	}
	if len(others) == 0 {
		return rules.Finding{}, false
	}
	msg := fmt.Sprintf("%s in capability %q (%s) puts %s into the %s global scope, which commands granted by capability %s also consult",
		src.entry.ID.Raw, src.cap.Identifier, capWho(src.cap), listText(quoteAll(src.vals), 3), src.key, listText(quoteAll(others), 3))
	if level == rules.Warning {
		msg += " for the same windows"
	}
	return rules.Finding{Level: level, Location: src.entry.Node.Location(), Subject: src.entry.ID.Raw, Message: msg, Related: related}, true
}

// sameAudience reports capabilities with the same windows, webviews and
// origins.
func sameAudience(a, b *capabilities.Capability) bool {
	return a.Local == b.Local && slices.Equal(patterns(a.Windows), patterns(b.Windows)) &&
		slices.Equal(patterns(a.Webviews), patterns(b.Webviews)) && slices.Equal(remotePatterns(a), remotePatterns(b))
}

func patterns(ls []*capabilities.Label) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Pattern)
	}
	slices.Sort(out)
	return out
}

func remotePatterns(c *capabilities.Capability) []string {
	var out []string
	for _, u := range c.Remote {
		out = append(out, u.Pattern)
	}
	slices.Sort(out)
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
