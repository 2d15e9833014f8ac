package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// aclAudited reports whether the ACL rules apply: a readable v2 config.
// v1 apps have no capabilities; the TA-V1 rules audit their allowlist.
func aclAudited(p *rules.Project) bool { return p.Base != nil && !isV1(p) }

// forEachView runs fn on each target's ACL view of an audited app.
func forEachView(p *rules.Project, fn func(t *rules.Target, v *audit.View)) {
	if !aclAudited(p) {
		return
	}
	for _, t := range p.Targets {
		fn(t, aclViewOf(p, t))
	}
}

// appIdentifier is the config identifier, used to place $APP* paths.
func appIdentifier(t *rules.Target) string {
	if s, ok := t.Config.Get("identifier").Str(); ok && s != "" {
		return s
	}
	return "com.example.app"
}

// capWho describes who a capability applies to, for messages.
func capWho(c *capabilities.Capability) string {
	var parts []string
	if len(c.Windows) > 0 {
		parts = append(parts, "windows "+labelList(c.Windows))
	}
	if len(c.Webviews) > 0 {
		parts = append(parts, "webviews "+labelList(c.Webviews))
	}
	if len(parts) == 0 {
		return "no window"
	}
	return strings.Join(parts, " and ")
}

func labelList(ls []*capabilities.Label) string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%q", l.Pattern))
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// listText joins names for a message, eliding after n.
func listText(names []string, n int) string {
	if len(names) > n {
		return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
	}
	return strings.Join(names, ", ")
}

// reportOnce reports a finding unless one was already reported at the
// same place for the same target: a built-in permission can carry several
// values that all point at the capability entry.
type reportOnce struct {
	pass *rules.Pass
	seen map[string]bool
}

func newReportOnce(pass *rules.Pass) *reportOnce {
	return &reportOnce{pass: pass, seen: map[string]bool{}}
}

func (r *reportOnce) on(t *rules.Target, f rules.Finding) {
	k := fmt.Sprintf("%s\x00%s\x00%d", t.Platform, f.Location.File, f.Location.Start.Offset)
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	r.pass.ReportOn(t, f)
}

// probeLabels are labels a match-all glob must match: plain, with a dash
// and digits, with a slash, upper case.
var probeLabels = []string{"main", "settings-2", "a/b", "Z", "x"}

// matchesAll reports whether a label glob matches every probe label.
func matchesAll(pattern string, pf string) bool {
	g, err := capabilities.CompileGlob(pattern, pf == "windows")
	if err != nil {
		return false
	}
	return !slices.ContainsFunc(probeLabels, func(l string) bool { return !g.Match(l) })
}

func remoteList(c *capabilities.Capability) string {
	var urls []string
	for _, u := range c.Remote {
		urls = append(urls, u.Pattern)
	}
	return listText(urls, 3)
}

// scopeText is a short form of one scope value.
func scopeText(key string, s *audit.ScopeVal) string {
	switch key {
	case "fs":
		return s.Display("path")
	case "http":
		return s.Display("url")
	case "opener":
		if u, ok := s.Str("url"); ok {
			return u
		}
		return s.Display("path")
	case "shell":
		d := audit.ShellProgram(s)
		if s.Node.Get("args").IsTrue() {
			d += " args:true"
		}
		return d
	}
	return s.Display("")
}
