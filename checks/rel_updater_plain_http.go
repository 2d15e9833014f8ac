package checks

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/weburl"
	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterPlainHTTP reports updater endpoints over plain http.
var UpdaterPlainHTTP = &rules.Rule{
	ID:       "TA-REL-001",
	Name:     "updater-plain-http",
	Title:    "the updater fetches over plain http",
	Level:    rules.Error,
	Severity: 7.4,
	Tags:     []string{"release"},
	CWE:      []int{319, 1328},
	Doc: `plugins.updater.endpoints contains an http:// URL, or dangerousInsecureTransportProtocol is true.
Update signatures stay mandatory, but a network attacker can freeze updates, serve an older,
vulnerable signed version, or fingerprint users. Release builds refuse http endpoints unless
the dangerous flag is set.

**Fix:** use https endpoints and remove dangerousInsecureTransportProtocol.

**False positives:** a loopback endpoint in a development override is reported as a warning.`,
	Run: updaterPlainHTTP,
}

func updaterPlainHTTP(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		u := updaterOf(t)
		for _, e := range u.Field("endpoints").Items() {
			s := e.String()
			pu := weburl.Parse(s)
			if !plainHTTPEndpoint(s, pu) {
				continue
			}
			f := rules.Finding{Location: e.Location(), Subject: s, Message: fmt.Sprintf("updater endpoint %s uses plain http", s)}
			if pu != nil && relLoopback(pu.Hostname()) {
				f.Level = rules.Warning
				f.Message += " (loopback)"
			}
			pass.ReportOn(t, f)
		}
		if n := u.Field("dangerousInsecureTransportProtocol"); n.IsTrue() {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "dangerousInsecureTransportProtocol",
				Message: "dangerousInsecureTransportProtocol lets the updater use plain http"})
		}
	}
	return nil
}

// plainHTTPEndpoint reports an endpoint with the http scheme, read as
// rust-url reads it ("http:host/x" included); one that does not parse
// (a {{placeholder}} in the host) is judged by its scheme.
func plainHTTPEndpoint(s string, u *url.URL) bool {
	if u != nil {
		return u.Scheme == "http"
	}
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "http:")
}

func relLoopback(h string) bool {
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1" || strings.HasSuffix(h, ".localhost")
}
