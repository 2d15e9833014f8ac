package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// ProtocolCORSAnyOrigin reports custom protocol handlers that answer any
// origin with Access-Control-Allow-Origin: *.
var ProtocolCORSAnyOrigin = &rules.Rule{
	ID:       "TA-IPC-003",
	Name:     "protocol-cors-any-origin",
	Title:    "a custom protocol answers every origin with Access-Control-Allow-Origin: *",
	Level:    rules.Note,
	Severity: 3.5,
	Tags:     []string{"ipc", "rust"},
	CWE:      []int{942},
	Doc: `A handler given to register_uri_scheme_protocol or register_asynchronous_uri_scheme_protocol
sets Access-Control-Allow-Origin: * on its responses. Every page the webview loads, including
remote sites in any window, can then read what the protocol serves with fetch (on Windows and
Android the scheme is served as http://<scheme>.localhost, reachable like any other origin).

Levels: a **note**; a **warning** when the app loads remote content (a remote frontendDist or
window URL, a capability with remote web origins, or tauri-plugin-localhost), so a remote page
is there to read it.

**Fix:** answer with the app's own origin (tauri://localhost, http://tauri.localhost) or leave
the header out: the app's own pages do not need it.`,
	Run: protocolCORSAnyOrigin,
}

func protocolCORSAnyOrigin(pass *rules.Pass) error {
	p := pass.Project
	inv := rules.IPCInventory.Of(p)
	if inv == nil || isV1(p) {
		return nil
	}
	var remote string
	for _, pr := range inv.Protocols {
		if pr.AnyOrigin == nil {
			continue
		}
		if remote == "" {
			remote = webRemoteContent(p)
		}
		f := rules.Finding{Location: *pr.AnyOrigin, Subject: pr.Scheme,
			Message: fmt.Sprintf("the %s protocol handler (line %d) lets every origin read its responses (Access-Control-Allow-Origin: *)", schemeName(pr.Scheme), pr.Loc.Start.Line)}
		if remote != "-" {
			f.Level = rules.Warning
			f.Message += "; the app loads remote content (" + remote + ")"
		}
		pass.Report(f)
	}
	return nil
}

// webRemoteContent is REMOTE_CONTENT with capabilities counted only for
// web origins, or "-" when the app loads none.
func webRemoteContent(p *rules.Project) string {
	remote := remoteContentReason(p)
	if isCapabilityReason(remote) {
		remote = webRemoteCapability(p)
	}
	if remote == "" {
		return "-"
	}
	return remote
}
