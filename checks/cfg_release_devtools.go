package checks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ReleaseDevtools reports release builds that ship the webview inspector.
var ReleaseDevtools = &rules.Rule{
	ID:       "TA-CFG-005",
	Name:     "release-devtools",
	Title:    "tauri's devtools feature is on in release builds",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"config"},
	CWE:      []int{489},
	Doc: `The tauri dependency enables the Cargo feature devtools in a way that reaches release builds:
directly in its features list (also through [workspace.dependencies]), through a [features]
entry of the app that is on by default or that a workflow passes with --features/-f, or through
build.features in the Tauri config (features the CLI passes to every build). Debug
builds always have devtools; the feature keeps the web inspector in release builds too, where
anyone at the keyboard — or a user talked into opening it — can run script with the window's
IPC privileges and read secrets held in the page. On macOS the feature also uses private API,
which the App Store rejects.

Reported at the "devtools" (or "tauri/devtools", or build.features) string. A window config with devtools: false
keeps the inspector off even with the feature: when every window in the config sets it, the
finding is a **note** (windows created from Rust are not seen).

**Fix:** move the feature behind an opt-in feature that release builds do not enable:

~~~toml
[dependencies]
tauri = { version = "2", features = [] }

[features]
debug-tools = ["tauri/devtools"]   # cargo tauri build --features debug-tools for internal builds only
~~~

**False positives:** internal or QA builds that ship devtools on purpose — suppress with a
reason. An opt-in feature no workflow enables is not reported.`,
	Run: releaseDevtools,
}

func releaseDevtools(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	suffix, level := windowDevtools(p)
	for _, d := range m.CargoDeps() {
		if d.CrateName() != "tauri" || strings.HasPrefix(d.Section, "patch.") || d.Section == "replace" {
			continue
		}
		for _, it := range d.Node.Get("features").Items() {
			if it.String() == "devtools" {
				pass.Report(rules.Finding{Location: it.Location(), Subject: "tauri/devtools", Level: level,
					Message: "the tauri dependency enables the devtools feature, so release builds ship the web inspector" + suffix})
			}
		}
	}
	for _, c := range m.Crates {
		reportDevtoolsFeatures(pass, m, c, suffix, level)
	}
	reportBuildFeatures(pass, m, suffix, level)
	return nil
}

// reportBuildFeatures reports build.features entries (features the Tauri
// CLI passes to cargo) that turn on tauri/devtools.
func reportBuildFeatures(pass *rules.Pass, m *deps.App, suffix string, level rules.Level) {
	var features map[string][]string
	if m.Manifest != nil {
		features = m.Manifest.Features
	}
	for _, t := range pass.Project.Targets {
		for _, it := range t.Config.At("build", "features").Items() {
			name := it.String()
			if name != "tauri/devtools" && !featureEnables(features, name, "tauri/devtools") {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: it.Location(), Subject: "build.features " + name, Level: level,
				Message: fmt.Sprintf("build.features passes %q to every tauri build, which turns on tauri/devtools: release builds ship the web inspector%s", name, suffix)})
		}
	}
}

// reportDevtoolsFeatures reports [features] entries that turn on
// tauri/devtools and are on by default or enabled by a workflow.
func reportDevtoolsFeatures(pass *rules.Pass, m *deps.App, c *deps.CargoManifest, suffix string, level rules.Level) {
	for _, mem := range c.Root.Get("features").Members() {
		for _, it := range mem.Value.Items() {
			if s := it.String(); s != "tauri/devtools" && s != "tauri?/devtools" {
				continue
			}
			why := ""
			switch {
			case featureReachable(c.Features, "default", mem.Name):
				why = "is on by default"
			case workflowEnablesFeature(m, mem.Name) != nil:
				why = "is enabled by a workflow build"
			default:
				continue
			}
			f := rules.Finding{Location: it.Location(), Subject: "feature " + mem.Name, Level: level,
				Message: fmt.Sprintf("feature %q turns on tauri/devtools and %s, so release builds ship the web inspector%s", mem.Name, why, suffix)}
			if at := workflowEnablesFeature(m, mem.Name); at != nil {
				f.Related = []rules.Related{{Location: *at, Message: "builds with --features " + mem.Name}}
			}
			pass.Report(f)
		}
	}
}

// featureReachable reports whether enabling from turns on feature want.
func featureReachable(features map[string][]string, from, want string) bool {
	seen := map[string]bool{}
	queue := []string{from}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if f == want {
			return true
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		for _, next := range features[f] {
			if !strings.Contains(next, "/") && !strings.HasPrefix(next, "dep:") {
				queue = append(queue, next)
			}
		}
	}
	return false
}

// workflowEnablesFeature returns where a workflow passes feature name
// with --features, -F or (Tauri CLI) -f, or nil.
func workflowEnablesFeature(m *deps.App, name string) *source.Location {
	re := regexp.MustCompile(`(?:--features|-F|-f)(?:\s+|=)["']?[^"'\n]*?\b` + regexp.QuoteMeta(name) + `\b`)
	for _, w := range m.Workflows {
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				if s.Run != nil && re.MatchString(s.Run.Text) {
					return &s.Run.Loc
				}
				if kv := deps.FindKV(s.With, "args"); kv != nil && re.MatchString(kv.Value) {
					return &kv.ValueLoc
				}
			}
		}
	}
	return nil
}

// windowDevtools returns a message suffix and level from the windows'
// devtools settings: a note when every configured window turns the
// inspector off.
func windowDevtools(p *rules.Project) (string, rules.Level) {
	all, off := 0, 0
	for _, t := range p.Targets {
		for _, w := range appWindows(t) {
			all++
			switch b, ok := w.Field("devtools").Bool(); {
			case ok && b:
				return fmt.Sprintf("; window %q sets devtools: true", windowLabel(w)), ""
			case ok && !b:
				off++
			}
		}
	}
	if all > 0 && off == all {
		return "; every configured window sets devtools: false, which keeps it off", rules.Note
	}
	return "", ""
}
