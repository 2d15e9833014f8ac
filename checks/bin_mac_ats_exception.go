package checks

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// MacATSException reports App Transport Security exceptions.
var MacATSException = &rules.Rule{
	ID:       "TA-BIN-010",
	Name:     "mac-ats-exception",
	Title:    "the macOS bundle allows plaintext http loads",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"bin"},
	CWE:      []int{319},
	Doc: `bundle.macOS.exceptionDomain makes Tauri write an App Transport Security exception that allows
insecure http loads for that domain and its subdomains; an Info.plist merged into the bundle
(Info.plist next to the config, or bundle.macOS.infoPlist) with NSAllowsArbitraryLoads true
allows them everywhere. Both re-enable plaintext http in the webview.

**Fix:** serve the content over https and remove the exception.

**False positives:** a loopback development server.`,
	Run: macATSException,
}

func macATSException(pass *rules.Pass) error {
	p := pass.Project
	for _, t := range p.Targets {
		mac := binBundle(t).Field("macOS")
		if n := mac.Field("exceptionDomain"); n.String() != "" {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: n.String(),
				Message: fmt.Sprintf("exceptionDomain allows insecure http loads from %s and its subdomains", n.String())})
		}
		plist := p.Path("Info.plist")
		if ip := mac.Field("infoPlist").String(); ip != "" {
			plist = p.Path(ip)
		}
		f := p.Read(plist)
		if f == nil || !p.Exists(plist) {
			continue
		}
		pl, err := signing.ParsePlist(f.Data)
		if err != nil {
			continue
		}
		if e := pl.Find("NSAllowsArbitraryLoads"); e != nil && e.True {
			pass.ReportOn(t, rules.Finding{Location: f.Span(e.Offset, e.End), Subject: path.Base(plist),
				Message: "Info.plist sets NSAllowsArbitraryLoads true"})
		}
	}
	return nil
}
