package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ciSigning is the first piece of CI signing evidence for one platform;
// its zero value means none was seen.
type ciSigning struct{ deps.CISigning }

// ciSigningFor returns the first evidence that the app's workflows sign
// binaries for os.
func ciSigningFor(p *rules.Project, os deps.SigningOS) ciSigning {
	for _, s := range rules.CISigning.Of(p) {
		if s.OS == os {
			return ciSigning{s}
		}
	}
	return ciSigning{}
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
