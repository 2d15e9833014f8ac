package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// appWindows returns the app.windows entries of t's config.
func appWindows(t *rules.Target) []*source.Node {
	return t.Config.At("app", "windows").Items()
}

// windowLabel returns a window's label; Tauri defaults it to "main".
func windowLabel(w *source.Node) string {
	if s, ok := w.Get("label").Str(); ok {
		return s
	}
	return "main"
}

// valueText renders a config value for a message: the source text when
// short, else its kind.
func valueText(v *source.Node) string {
	if v == nil || v.File == nil {
		var k source.Kind // "invalid" when absent
		if v != nil {
			k = v.Kind
		}
		return k.String()
	}
	text := strings.Join(strings.Fields(string(v.File.Data[v.Start:v.End])), " ")
	if len(text) > 40 {
		return "a " + v.Kind.String()
	}
	return text
}

// featureEnables reports whether enabling from turns on the dependency
// feature dep ("tauri/custom-protocol", also written "tauri?/…").
func featureEnables(features map[string][]string, from, dep string) bool {
	seen := map[string]bool{}
	queue := []string{from}
	alt := strings.Replace(dep, "/", "?/", 1)
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if seen[f] {
			continue
		}
		seen[f] = true
		for _, next := range features[f] {
			if next == dep || next == alt {
				return true
			}
			queue = append(queue, next)
		}
	}
	return false
}

// isIsolation reports whether a pattern value selects the isolation pattern.
func isIsolation(pattern *source.Node) bool { return pattern.Get("use").String() == "isolation" }

// eachDangerousKey calls fn for every member below n whose camelCase name
// starts with "dangerous", with its dotted path from prefix as written.
func eachDangerousKey(n *source.Node, prefix string, fn func(key string, v *source.Node)) {
	for _, m := range n.Members() {
		key := prefix + "." + m.Name
		if strings.HasPrefix(camelKey(m.Name), "dangerous") {
			fn(key, m.Value)
		}
		eachDangerousKey(m.Value, key, fn)
	}
	for _, it := range n.Items() {
		eachDangerousKey(it, prefix+"[]", fn)
	}
}

// isNonDefault reports whether v differs from the off value of a
// dangerous option: false, null, zero and empty values are defaults.
func isNonDefault(v *source.Node) bool {
	switch v.Kind {
	case source.Bool:
		return v.IsTrue()
	case source.String:
		return v.String() != ""
	case source.Number:
		f, _ := v.Float()
		return f != 0
	case source.Array:
		return len(v.Items()) > 0
	case source.Object:
		return len(v.Members()) > 0
	}
	return false
}

// camelKey turns a kebab-case key into camelCase ("dangerous-use-http" →
// "dangerousUseHttp"); camelCase keys are returned unchanged.
func camelKey(s string) string {
	parts := strings.Split(s, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// tauriVersion returns the Cargo.lock entry of the tauri crate the app
// builds with, or nil when nothing is locked (the version is then unknown
// and version-gated checks stay quiet or say so). The choice among
// several locked versions is deps.Lockfile.LockedCrate's, the same the
// ACL loader and the acl command make.
func tauriVersion(p *rules.Project) *deps.LockEntry { return lockedCrate(p, "tauri") }

// lockedCrate returns the Cargo.lock entry of crate name the app builds
// with, or nil.
func lockedCrate(p *rules.Project, name string) *deps.LockEntry {
	return rules.CargoBuild.Of(p).Locked(name)
}

// versionBefore reports whether the locked entry is older than min; an
// unknown version (nil) is never "before".
func versionBefore(e *deps.LockEntry, min string) bool {
	return e != nil && deps.CargoBefore(e.Version, min)
}

// tauriCargoFeatures returns the feature strings the app's Cargo.toml
// enables on the tauri dependency (plain or per-target tables).
func tauriCargoFeatures(p *rules.Project) []*source.Node {
	m := rules.CargoBuild.Of(p).Manifest
	if m == nil {
		return nil
	}
	var out []*source.Node
	for _, d := range m.Dependencies {
		if d.Name == "tauri" && d.Kind == deps.DepNormal {
			out = append(out, d.Node.Get("features").StringItems()...)
		}
	}
	return out
}
