package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/updatechannel"
	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterEndpointTemplate reports misplaced or unknown placeholders in
// updater endpoints.
var UpdaterEndpointTemplate = &rules.Rule{
	ID:       "TA-REL-013",
	Name:     "updater-endpoint-template",
	Title:    "an updater endpoint placeholder chooses the server or is never replaced",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"release"},
	CWE:      []int{494},
	Doc: `The updater replaces {{current_version}}, {{target}} and {{arch}} anywhere in an endpoint before each
request. In the scheme, host or port (https://{{target}}.updates.example.com/…) the value chooses
the server: every target or version talks to a different host, each of which must be the app's,
and a host name built from a value is easily one nobody registered. Reported as a warning.

A placeholder the updater does not know ({{version}}, {{platform}}, {{ target }} with spaces) is
sent as written, so every client asks for the same literal URL: reported as a note.

Bad:

~~~json
{ "plugins": { "updater": { "endpoints": ["https://{{target}}.updates.example.com/{{version}}.json"] } } }
~~~

Good:

~~~json
{ "plugins": { "updater": { "endpoints": ["https://updates.example.com/{{target}}/{{arch}}/{{current_version}}"] } } }
~~~`,
	Run: updaterEndpointTemplate,
}

func updaterEndpointTemplate(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		for _, e := range updaterEndpoints(t) {
			for _, p := range updatechannel.Placeholders(e.String()) {
				f := rules.Finding{Location: e.Location(), Subject: e.String() + " " + p.Text}
				switch {
				case p.InAuthority:
					f.Message = fmt.Sprintf("%s sits in the host part of updater endpoint %s: its value chooses the server", p.Text, e.String())
				case !p.Known:
					f.Level = rules.Note
					f.Message = fmt.Sprintf("%s is not an updater variable (%s): it is sent as written", p.Text, strings.Join(braced(updatechannel.Variables), ", "))
				default:
					continue
				}
				pass.ReportOn(t, f)
			}
		}
	}
	return nil
}

func braced(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return out
}
