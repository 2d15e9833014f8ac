package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ciSigning is the first piece of CI signing evidence for one platform;
// its zero value means none was seen.
type ciSigning struct{ deps.CISigning }

// ciSigningFor returns the evidence that the app's workflows sign
// binaries for os: the first in a workflow that names the app's folder
// (a monorepo builds each app in its own workflow), else the first.
func ciSigningFor(p *rules.Project, os deps.SigningOS) ciSigning {
	var first *deps.CISigning
	key := appFolderName(p.Dir)
	for _, s := range rules.CISigning.Of(p) {
		if s.OS != os {
			continue
		}
		if key != "" && fileMentions(p, s.Loc.File, key) {
			return ciSigning{s}
		}
		if first == nil {
			first = &s
		}
	}
	if first == nil {
		return ciSigning{}
	}
	return ciSigning{*first}
}

// appFolderName is the name of the app's project folder (the parent of
// src-tauri), "" for the root.
func appFolderName(dir string) string {
	if path.Base(dir) == "src-tauri" {
		dir = path.Dir(dir)
	}
	if dir == "." || dir == "" {
		return ""
	}
	return path.Base(dir)
}

func fileMentions(p *rules.Project, rel, s string) bool {
	f := p.Read(rel)
	return f != nil && strings.Contains(string(f.Data), s)
}

// suppress marks f as accounted for by the CI signing, naming it, so
// the finding is kept in the report but neither counted nor gating.
func (c ciSigning) suppress(f rules.Finding) rules.Finding {
	if c.What != "" {
		f.Suppressed = &rules.Suppression{Reason: c.String(),
			Source: fmt.Sprintf("%s:%d", c.Loc.File, c.Loc.Start.Line)}
	}
	return f
}
