package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// ProtocolPathTraversal reports custom protocol handlers that read files
// from the request path without normalizing it.
var ProtocolPathTraversal = &rules.Rule{
	ID:       "TA-IPC-002",
	Name:     "protocol-path-traversal",
	Title:    "a custom protocol serves files from the request path without normalizing it",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"ipc", "rust"},
	CWE:      []int{22},
	Doc: `A handler given to register_uri_scheme_protocol or register_asynchronous_uri_scheme_protocol
reads a file whose path comes from the request (its URI or path, often percent-decoded), and
nothing on the way canonicalizes it and checks the prefix, tests it for "..", or matches it
against an allow-list. Any page that can load the scheme (every window of the app; on Windows
and Android the scheme is http://<scheme>.localhost) can then ask for
<scheme>://localhost/..%2f..%2fhome/user/.ssh/id_ed25519 and read files outside the folder
the handler means to serve. The webview resolves plain "../" segments in URLs, but not
percent-encoded ones, which the handler decodes itself.

**Fix:** join the decoded path to the served folder, canonicalize the result and check that it
still starts_with the folder (canonicalized too); or serve from a fixed map of names.

**False positives:** a check the lexical reader does not know (a helper that validates the
path) leaves the read unchecked; handlers defined in other crates are not followed (the acl
output lists them as notes).`,
	Run: protocolPathTraversal,
}

func protocolPathTraversal(pass *rules.Pass) error {
	inv := rules.IPCInventory.Of(pass.Project)
	if inv == nil || isV1(pass.Project) {
		return nil
	}
	for _, p := range inv.Protocols {
		for _, r := range p.Reads {
			if r.Checked {
				continue
			}
			pass.Report(rules.Finding{Location: r.Loc, Subject: p.Scheme,
				Message: fmt.Sprintf("the %s protocol handler (line %d) reads a file (%s) from the request path without canonicalizing and prefix-checking it or testing it for \"..\"",
					schemeName(p.Scheme), p.Loc.Start.Line, r.Call)})
		}
	}
	return nil
}

func schemeName(s string) string {
	if s == "" {
		return "custom"
	}
	return fmt.Sprintf("%q", s)
}
