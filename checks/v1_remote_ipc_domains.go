package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// V1RemoteIPCDomains reports remote domains given IPC access in v1.
var V1RemoteIPCDomains = &rules.Rule{
	ID:       "TA-V1-003",
	Name:     "v1-remote-ipc-domains",
	Title:    "v1 config gives remote domains ipc access",
	Level:    rules.Error,
	Severity: 8.0,
	Tags:     []string{"config"},
	CWE:      []int{346},
	Doc: `tauri.security.dangerousRemoteDomainIpcAccess (Tauri 1.3+) lets pages of the listed domains call
the app's commands and the listed plugins' commands over IPC from the listed windows; with
enableTauriAPI: true they also get every allowlisted v1 API. Whoever controls such a page (the
site, its CDN, an XSS on it, and before Tauri 1.6.7 any iframe inside it, GHSA-57fm-592m-34r7)
drives the app. The message says when an entry enables the Tauri API or lists the shell or fs
plugins, the worst cases.

**Fix:** remove the entries; after migrating to v2, grant a remote capability only the narrow
permissions the site needs.

Bad:

~~~json
{ "tauri": { "security": { "dangerousRemoteDomainIpcAccess": [
  { "domain": "app.example.com", "windows": ["main"], "enableTauriAPI": true } ] } } }
~~~

Good: no dangerousRemoteDomainIpcAccess; remote pages talk to a server, not to the app.

**False positives:** none known.`,
	Run: v1RemoteIPCDomains,
}

func v1RemoteIPCDomains(pass *rules.Pass) error {
	if !isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, e := range t.Config.At("tauri", "security", "dangerousRemoteDomainIpcAccess").Items() {
			pass.ReportOn(t, remoteDomainFinding(e))
		}
	}
	return nil
}

func remoteDomainFinding(e *source.Node) rules.Finding {
	domain := e.Get("domain").String()
	if s := e.Get("scheme").String(); s != "" {
		domain = s + "://" + domain
	}
	msg := fmt.Sprintf("remote domain %q may call app commands over ipc", domain)
	plugins := e.Get("plugins").Strings()
	switch {
	case e.Field("enableTauriAPI").IsTrue():
		msg = fmt.Sprintf("remote domain %q may call app commands and every allowlisted api (enableTauriAPI)", domain)
	case slices.Contains(plugins, "shell") || slices.Contains(plugins, "fs"):
		msg = fmt.Sprintf("remote domain %q may call app commands and the shell or fs plugin", domain)
	}
	return rules.Finding{Location: e.Location(), Subject: domain, Message: msg}
}
