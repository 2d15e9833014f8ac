package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
)

// httpEntry is an http plugin allow entry that a granted fetch consults.
type httpEntry struct {
	t     *rules.Target
	use   *scopeUse
	url   string
	shape urlShape
}

// httpEntries lists, per target, the http allow URLs some granted fetch
// consults. The http plugin compiles them as URLPatterns (rules.md §2.7).
func httpEntries(p *rules.Project) []httpEntry {
	var out []httpEntry
	forEachView(p, func(t *rules.Target, v *aclView) {
		for _, u := range v.scopeUses("http") {
			url, ok := u.Val.str("url")
			if !ok || len(u.commands([]string{"fetch"})) == 0 {
				continue
			}
			if sh, ok := parseURLShape(url); ok {
				out = append(out, httpEntry{t: t, use: u, url: url, shape: sh})
			}
		}
	})
	return out
}

// anyHost reports an entry that admits every host (or every site under a
// public suffix).
func (e httpEntry) anyHost() bool { return e.shape.anyHost() || e.shape.sharedSuffix() != "" }
