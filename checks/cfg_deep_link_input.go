package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DeepLinkInput lists the ways other programs can start the app with
// input of their choosing: deep-link schemes, app-link hosts and file
// associations.
var DeepLinkInput = &rules.Rule{
	ID:       "TA-CFG-017",
	Name:     "deep-link-input",
	Title:    "the app accepts deep links or file associations",
	Level:    rules.Note,
	Severity: 3.5,
	Tags:     []string{"config"},
	CWE:      []int{939},
	Doc: `plugins.deep-link registers URL schemes (desktop) or associated domains / app links (mobile), and
bundle.fileAssociations registers file types. Any website, e-mail or document can then launch
the app with a URL or a path chosen by an attacker, so every handler must treat that input as
untrusted. A generic scheme name (app, auth, login) can also be claimed by another program.

This is an inventory: one note per scheme, host and file association, so a reviewer can check
each handler.

**Fix:** validate deep-link payloads in Rust before acting on them (never pass them to a shell,
the opener or a navigation without checks); use a scheme unique to the app (reverse-DNS style);
verify associated domains.

Example of a reported entry:

~~~json
{ "plugins": { "deep-link": { "desktop": { "schemes": ["myapp"] } } } }
~~~

**False positives:** none as such; the note only says the input path exists.`,
	Run: deepLinkInput,
}

func deepLinkInput(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, f := range deepLinkFindings(t.Config) {
			pass.ReportOn(t, f)
		}
	}
	return nil
}

func deepLinkFindings(cfg *source.Node) []rules.Finding {
	var out []rules.Finding
	add := func(n *source.Node, subject, format string) {
		out = append(out, rules.Finding{Location: n.Location(), Subject: subject, Message: fmt.Sprintf(format, subject)})
	}
	dl := cfg.Get("plugins").Get("deep-link")
	desktop := dl.Get("desktop")
	protos := desktop.Items()
	if desktop.Is(source.Object) {
		protos = []*source.Node{desktop}
	}
	for _, pr := range protos {
		for _, s := range pr.Get("schemes").StringItems() {
			add(s, s.String(), "deep-link scheme %q lets any website or document start the app with a url of its choosing")
		}
		for _, s := range pr.Get("domains").StringItems() {
			add(s, s.String(), "deep-link domain %q opens the app with urls of that site")
		}
	}
	for _, m := range dl.Get("mobile").Items() {
		host := m.Get("host").String()
		if host == "" {
			host = strings.Join(m.Get("scheme").Strings(), ",")
		}
		add(m, host, "mobile deep link %q opens the app with urls of its choosing")
	}
	for _, fa := range cfg.Get("bundle").Field("fileAssociations").Items() {
		add(fa, strings.Join(fa.Get("ext").Strings(), ","), "file association %q opens the app with files of that type")
	}
	return out
}
