package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPScriptWildcard reports script directives open to any host or to
// attacker-built URLs.
var CSPScriptWildcard = &rules.Rule{
	ID:       "TA-CSP-006",
	Name:     "csp-script-wildcard",
	Title:    "content security policy allows scripts from anywhere",
	Level:    rules.Error,
	Severity: 7.1,
	Tags:     []string{"csp"},
	CWE:      []int{829},
	Doc: `A script directive (` + "`script-src`" + `, ` + "`script-src-elem`" + `, or ` + "`default-src`" + ` when neither is set)
that lists ` + "`*`" + `, ` + "`http:`" + `, ` + "`https:`" + `, ` + "`data:`" + `, ` + "`blob:`" + `, ` + "`filesystem:`" + ` or a host wildcard such as
` + "`https://*`" + ` lets injected markup load script from any server, or from a ` + "`data:`" + `/` + "`blob:`" + ` URL it
builds itself. The policy then stops nothing, and that script gets the window's IPC rights.

**Fix:** allow ` + "`'self'`" + ` plus specific hosts you control, or better vendor libraries into the
bundle:

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' https: blob:"
// good
"csp": "default-src 'self'; script-src 'self'; worker-src 'self' blob:"
` + "```" + `

A subdomain wildcard such as ` + "`*.example.com`" + ` is reported as a note: whether every subdomain is
yours cannot be decided from the config (a wildcard over shared hosting such as ` + "`*.github.io`" + `
is TA-CSP-014's error).

**False positives.** ` + "`blob:`" + ` is often there for workers: move it to ` + "`worker-src`" + `. Tauri's own
sources (` + "`ipc:`" + `, ` + "`asset:`" + `, ` + "`http://ipc.localhost`" + `, ` + "`http://*.localhost`" + `…) and loopback hosts are
local and not reported. A directive with ` + "`'strict-dynamic'`" + ` is skipped, as CSP3 webviews ignore
its host and scheme sources. ` + "`default-src`" + ` is skipped when the bundle in the scanned tree shows
that Tauri will add a ` + "`script-src`" + ` of its own (see TA-CSP-003).`,
	Run: cspScriptWildcard,
}

// openScriptSchemes are scheme sources that let anyone supply script.
var openScriptSchemes = []string{"http", "https", "data", "blob", "filesystem"}

func cspScriptWildcard(pass *rules.Pass) error {
	for _, ss := range scriptSources(pass.Project) {
		level, ok := scriptWildcardLevel(ss.src)
		if !ok || (level == rules.Note && ss.src.KnownBypass(ss.eval) != nil) {
			continue // a wildcard over shared hosting is TA-CSP-014's
		}
		pass.ReportOn(ss.ct.Target, rules.Finding{Location: ss.src.Loc, Level: level, Subject: ss.dir.Name + " " + ss.src.Text,
			Message: fmt.Sprintf("%s allows scripts from %s", ss.dir.Text, quoteSource(ss.src))})
	}
	return nil
}

// scriptWildcardLevel decides one source: error for sources anyone can
// serve, note for a subdomain wildcard.
func scriptWildcardLevel(s *csp.Source) (rules.Level, bool) {
	switch s.Kind {
	case csp.Wildcard:
		return rules.Error, true
	case csp.Scheme:
		for _, o := range openScriptSchemes {
			if s.Scheme == o {
				return rules.Error, true
			}
		}
	case csp.Host:
		switch {
		case s.Local(nil):
		case s.Host == "*":
			return rules.Error, true
		case strings.HasPrefix(s.Host, "*."):
			return rules.Note, true
		}
	}
	return "", false
}
