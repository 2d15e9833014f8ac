package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CapabilityAutoloadStray reports capability files that look
// non-production while every file is compiled in, and files the config
// never references.
var CapabilityAutoloadStray = &rules.Rule{
	ID:       "TA-ACL-007",
	Name:     "capability-autoload-stray",
	Title:    "a leftover capability file is compiled into the app",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"acl"},
	CWE:      []int{489, 1188},
	Doc: `When ` + "`app.security.capabilities`" + ` is empty or absent, Tauri compiles every capability file under
` + "`capabilities/`" + ` (recursively) into the app. A file that looks like a development leftover — its file
name, identifier or description says dev, debug, test, tmp, example, old, backup; or it sits in a
sub-folder — then ships in release builds with whatever it grants.

When the list is not empty, files it never references are not compiled in; they are reported as
notes, because reviewers may audit the wrong files and a later edit of the list can switch them on.

**Fix:** list the capabilities the app uses in ` + "`app.security.capabilities`" + `, and delete leftovers.

~~~json
{ "app": { "security": { "capabilities": ["main", "settings"] } } }
~~~

**False positives:** a dev-only capability restricted with ` + "`platforms`" + ` still ships on those
platforms and is still reported. Whether a file is tracked by git is not checked. With only a
committed gen/schemas/capabilities.json the folder layout is unknown and only names are checked.`,
	Run: capabilityAutoloadStray,
}

// strayWords mark a non-production capability.
var strayWords = []string{"dev", "debug", "test", "tests", "testing", "tmp", "example", "examples", "old",
	"backup", "bak", "development", "sample"}

var (
	camelBoundary = lazyre.New(`([a-z0-9])([A-Z])`)
	wordSplit     = lazyre.New(`[^a-z0-9]+`)
)

// strayWord returns the first stray word of s, or "".
func strayWord(s string) string {
	s = strings.ToLower(camelBoundary.ReplaceAllString(s, "$1 $2"))
	for _, w := range wordSplit.Split(s, -1) {
		if slices.Contains(strayWords, w) {
			return w
		}
	}
	return ""
}

func capabilityAutoloadStray(pass *rules.Pass) error {
	p := pass.Project
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, c := range p.ACL().Model.Files.All() {
			if len(v.ACL.Config) > 0 {
				if !referenced(v.ACL.Config, c.Identifier) {
					pass.ReportOn(t, rules.Finding{Level: rules.Note, Location: capIDNode(c).Location(), Subject: c.Identifier,
						Message: fmt.Sprintf("capability %q is never referenced by app.security.capabilities and is not compiled in", c.Identifier)})
				}
				continue
			}
			if why := strayReason(p, c); why != "" {
				pass.ReportOn(t, rules.Finding{Location: capIDNode(c).Location(), Subject: c.Identifier,
					Message: fmt.Sprintf("capability %q %s, and with app.security.capabilities empty every capability file is compiled into release builds", c.Identifier, why)})
			}
		}
	})
	return nil
}

func referenced(cfg []capabilities.ConfigEntry, id string) bool {
	return slices.ContainsFunc(cfg, func(e capabilities.ConfigEntry) bool { return e.Ref == id })
}

// strayReason says why a file capability looks like a leftover.
func strayReason(p *rules.Project, c *capabilities.Capability) string {
	file := c.Path()
	rel, inDir := strings.CutPrefix(file, p.Path("capabilities")+"/")
	base := rel[strings.LastIndex(rel, "/")+1:]
	switch {
	case inDir && strings.Contains(rel, "/"):
		return "is in the sub-folder " + rel[:strings.LastIndex(rel, "/")]
	case inDir && strayWord(strings.TrimSuffix(base, path.Ext(base))) != "":
		return fmt.Sprintf("is in a file named %q", base)
	case strayWord(c.Identifier) != "":
		return "has an identifier that says " + strayWord(c.Identifier)
	case strayWord(c.Description) != "":
		return "has a description that says " + strayWord(c.Description)
	}
	return ""
}
