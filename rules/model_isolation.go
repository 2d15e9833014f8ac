package rules

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/isolation"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// IsolationHooks is the isolation hook of each isolation app the app's
// targets name (app.security.pattern.options.dir, relative to the config
// folder), keyed by that folder, root-relative.
var IsolationHooks = PerApp("config.isolation-hooks", buildIsolationHooks)

func buildIsolationHooks(p *Project) map[string]isolation.Hook {
	out := map[string]isolation.Hook{}
	for _, t := range p.Targets {
		if dir, ok := IsolationDir(p, t); ok {
			if _, done := out[dir]; !done {
				out[dir] = findIsolationHook(p, dir)
			}
		}
	}
	return out
}

// IsolationPattern returns t's app.security.pattern when it selects the
// isolation pattern, else nil.
func IsolationPattern(t *Target) *source.Node {
	if p := t.Config.At("app", "security", "pattern"); p.Get("use").String() == "isolation" {
		return p
	}
	return nil
}

// IsolationDir returns the root-relative folder of t's isolation app;
// false when t does not use the isolation pattern. A folder outside the
// scanned tree is returned as written, joined to the config folder.
func IsolationDir(p *Project, t *Target) (string, bool) {
	pat := IsolationPattern(t)
	if pat == nil {
		return "", false
	}
	dir, _ := pat.Get("options").Get("dir").Str()
	return path.Join(p.Dir, strings.ReplaceAll(dir, `\`, "/")), true
}

// IsolationHookOf returns the judged hook of t's isolation app; false
// when t does not use the isolation pattern.
func IsolationHookOf(p *Project, t *Target) (isolation.Hook, bool) {
	dir, ok := IsolationDir(p, t)
	if !ok {
		return isolation.Hook{}, false
	}
	return IsolationHooks.Of(p)[dir], true
}

func findIsolationHook(p *Project, dir string) isolation.Hook {
	if dir == ".." || strings.HasPrefix(dir, "../") {
		return isolation.Hook{Status: isolation.NoDir, Dir: dir}
	}
	return isolation.Find(dir, isolationTree{p})
}

// isolationTree is the scanned tree as package isolation reads it.
type isolationTree struct{ p *Project }

func (t isolationTree) IsDir(rel string) bool { return t.p.IsDir(rel) }

func (t isolationTree) ReadText(rel string) (string, bool) {
	f := t.p.Read(rel)
	if f == nil {
		return "", false
	}
	return string(f.Data), true
}
