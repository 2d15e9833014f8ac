package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
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
		out = append(out, rules.Quote(l.Pattern))
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
		urls = append(urls, rules.Shorten(u.Pattern))
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

// The ACL view the TA-ACL and TA-SCP rules read is capabilities/audit's,
// one per target, held by the rules.ACLAudit model. The helpers below place
// what the view finds in the project's files.

// aclViewOf returns the view of target t.
func aclViewOf(p *rules.Project, t *rules.Target) *audit.View { return rules.ACLAudit.Of(p).Of(t) }

// scopeWhere locates a finding about a scope value: at the value when the
// capability entry writes it, else at the entry, with the value's own
// place (a permission file) as related location.
func scopeWhere(s *audit.ScopeVal) (source.Location, []rules.Related) {
	if s.Node != nil && s.Entry != nil && s.Node.File == s.Entry.Node.File {
		return s.Node.Location(), nil
	}
	loc := s.Entry.Node.Location()
	if s.Node == nil || s.Node.File == nil {
		return loc, nil
	}
	return loc, []rules.Related{{Location: s.Node.Location(), Message: "scope value of " + s.ID}}
}

// grantWhere locates a finding about a grant: the capability entry, with
// the leaf permission's definition as related location when the entry
// reaches it through a set.
func grantWhere(g *audit.Grant) (source.Location, []rules.Related) {
	loc := g.Entry.Node.Location()
	if len(g.Path) < 2 || g.Perm == nil || g.Perm.Node == nil {
		return loc, nil
	}
	return loc, []rules.Related{{Location: g.Perm.Node.Location(), Message: g.ID + " is defined here"}}
}

// capIDNode is where a capability's identifier is written.
func capIDNode(c *capabilities.Capability) *source.Node {
	if n := c.Node.Get("identifier"); n != nil {
		return n
	}
	return c.Node
}

// remoteURL is one remote.urls entry of a capability that can match a
// caller on a target.
type remoteURL struct {
	t     *rules.Target
	v     *audit.View
	cap   *capabilities.Capability
	url   *capabilities.RemoteURL
	shape audit.URLScope
}

// remoteURLs lists, per audited target, the view's remote.urls entries.
func remoteURLs(p *rules.Project) []remoteURL {
	var out []remoteURL
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, r := range v.RemoteURLs() {
			out = append(out, remoteURL{t: t, v: v, cap: r.Cap, url: r.URL, shape: r.Scope})
		}
	})
	return out
}

// grantsText summarises what a capability grants, for messages.
func grantsText(v *audit.View, c *capabilities.Capability) string {
	if hr := v.HighRiskIDs(v.CapGrants(c), true); len(hr) > 0 {
		return "including " + listText(hr, 4)
	}
	return "every permission of capability \"" + c.Identifier + "\""
}

// shellEntry is a shell scope entry that execute or spawn consults.
type shellEntry struct {
	t   *rules.Target
	use *audit.ScopeUse
}

// shellEntries lists, per target, the shell scope entries some granted
// execute/spawn command consults.
func shellEntries(p *rules.Project) []shellEntry {
	var out []shellEntry
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ShellUses() {
			out = append(out, shellEntry{t: t, use: u})
		}
	})
	return out
}

// httpEntry is an http plugin allow entry that a granted fetch consults.
type httpEntry struct {
	t *rules.Target
	audit.HTTPEntry
}

// httpEntries lists, per target, the http allow URLs some granted fetch
// consults.
func httpEntries(p *rules.Project) []httpEntry {
	var out []httpEntry
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, e := range v.HTTPEntries() {
			out = append(out, httpEntry{t: t, HTTPEntry: e})
		}
	})
	return out
}

// Context flags several rules share (rules.md §0.3 item 4).

// highRiskGranted reports HR_PERMS: whether, on some audited target, an
// enabled capability grants a high-risk permission of rules.md §0.4
// (locally or to remote origins), as the ACL view reads it: sets
// expanded, denies applied, scopes judged, and, for plugins whose
// permission manifests are missing, the identifiers' names.
func highRiskGranted(p *rules.Project) bool {
	risky := false
	forEachView(p, func(_ *rules.Target, v *audit.View) { risky = risky || v.HighRiskGranted() })
	return risky
}
