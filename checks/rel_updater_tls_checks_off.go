package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterTLSChecksOff reports updater TLS validation turned off.
var UpdaterTLSChecksOff = &rules.Rule{
	ID:       "TA-REL-002",
	Name:     "updater-tls-checks-off",
	Title:    "the updater accepts invalid tls certificates",
	Level:    rules.Error,
	Severity: "7.4",
	Tags:     binTags("release", "295"),
	Doc: `plugins.updater.dangerousAcceptInvalidCerts or dangerousAcceptInvalidHostnames is true, so
anyone on the network path can impersonate the update server (freeze updates, serve old signed
versions).

**Fix:** fix the server certificate, or install a private CA in the OS trust store.`,
	Run: updaterTLSChecksOff,
}

func updaterTLSChecksOff(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		for _, k := range []string{"dangerousAcceptInvalidCerts", "dangerousAcceptInvalidHostnames"} {
			if n := updaterOf(t).Field(k); n.IsTrue() {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: k,
					Message: fmt.Sprintf("updater %s is true", k)})
			}
		}
	}
	return nil
}
