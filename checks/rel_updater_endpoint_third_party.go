package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/updatechannel"
	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterEndpointThirdParty reports updater endpoints served by someone
// other than the app's owner.
var UpdaterEndpointThirdParty = &rules.Rule{
	ID:       "TA-REL-012",
	Name:     "updater-endpoint-third-party",
	Title:    "the update manifest is served by a third party",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"release"},
	CWE:      []int{494, 1328},
	Doc: `An updater endpoint is served by someone other than the app's owner: a public GitHub mirror or
download proxy (ghproxy-style hosts, or any host whose path carries a GitHub URL such as
https://proxy.example/https://github.com/…), a CDN copy of a repository (jsDelivr at a pinned
ref), or the GitHub releases of a repository whose owner is not the app's (owners are read from
the repository fields of package.json and Cargo.toml).

The updater verifies the artifact's signature but not the manifest: whoever serves it decides
whether users see an update and which signed build is announced as the newest, so an older,
vulnerable build can be pushed as an "update". The updater tries endpoints in order and uses the
first that answers, so a proxy listed as a fallback is used whenever the first endpoint fails.

An endpoint whose host carries none of the app's names (repository owner and name, identifier,
product name, bundle.publisher) is reported as a note: it may be a host the team runs under
another name, or an update service the team chose.

Bad:

~~~json
{ "plugins": { "updater": { "endpoints": ["https://ghproxy.com/https://github.com/o/app/releases/latest/download/latest.json"] } } }
~~~

Good:

~~~json
{ "plugins": { "updater": { "endpoints": ["https://github.com/o/app/releases/latest/download/latest.json"] } } }
~~~

**False positives:** a mirror the team runs itself, or an update service under contract;
suppress with that reason.`,
	Run: updaterEndpointThirdParty,
}

func updaterEndpointThirdParty(pass *rules.Pass) error {
	id := rules.AppIdentity.Of(pass.Project)
	for _, t := range pass.Project.Targets {
		for _, e := range updaterEndpoints(t) {
			f := rules.Finding{Location: e.Location(), Subject: e.String()}
			switch c := updatechannel.Classify(e.String(), id); c.Kind {
			case updatechannel.Proxy:
				f.Message = fmt.Sprintf("updater endpoint goes through %s, a third-party mirror or proxy: it decides which signed build is announced as the newest", c.Via)
			case updatechannel.ForeignRepo:
				f.Message = fmt.Sprintf("updater endpoint reads the releases of %s, a repository the app's owner does not own (%s)", c.Repo, identitySource(id))
			case updatechannel.Unrecognised:
				f.Level = rules.Note
				f.Message = fmt.Sprintf("updater endpoint host %s carries none of the app's names (%s); if a third party runs it, it decides which signed build is announced as the newest", c.Via, identitySource(id))
			default:
				continue
			}
			pass.ReportOn(t, f)
		}
	}
	return nil
}

// identitySource names the app's repositories and where they were read.
func identitySource(id *updatechannel.Identity) string { return strings.Join(id.Sources, ", ") }
