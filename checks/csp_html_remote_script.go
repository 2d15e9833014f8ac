package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// HTMLRemoteScriptTrusted reports bundled pages that load remote scripts,
// which Tauri's nonce injection trusts whatever the policy says.
var HTMLRemoteScriptTrusted = &rules.Rule{
	ID:       "TA-CSP-009",
	Name:     "html-remote-script-autotrusted",
	Title:    "bundled html loads a remote script that tauri's nonce trusts",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"csp"},
	CWE:      []int{829, 494},
	Doc: `When it embeds the frontend, Tauri gives every ` + "`<script src=\"http…\">`" + ` tag of a bundled HTML
page a per-load nonce and adds that nonce to ` + "`script-src`" + `. The tag then runs whatever the
policy's host list says: the remote host is fully trusted, and whoever controls it (or its DNS,
or its CDN account) runs code with the window's IPC rights.

**Fix:** vendor the script into the bundle. If it must stay remote, pin a version and add
Subresource Integrity so only the reviewed file runs:

` + "```html" + `
<!-- bad -->
<script src="https://cdn.example.com/lib@latest/lib.js"></script>
<!-- good -->
<script src="/vendor/lib-1.2.3.js"></script>
<!-- acceptable -->
<script src="https://cdn.example.com/lib@1.2.3/lib.js" integrity="sha384-…" crossorigin="anonymous"></script>
` + "```" + `

**What is scanned.** The ` + "`.html`" + ` files under ` + "`build.frontendDist`" + ` (a path relative to the config
directory, or a list of paths; at most 200 files) when it exists in the scanned tree. Build
output is often not committed, so when ` + "`frontendDist`" + ` is a single path that is missing, the
` + "`index.html`" + ` beside it (the page Vite and similar bundlers copy in, script tags unchanged) is
scanned instead. Like Tauri, only ` + "`src`" + ` values starting with ` + "`http`" + ` count. Tags with an
` + "`integrity`" + ` attribute are not reported: the nonce still bypasses the host list, but only the
pinned file can run. Nothing is reported when the policy is missing (TA-CSP-001), when
injection is disabled for ` + "`script-src`" + ` (TA-CSP-005), or when ` + "`frontendDist`" + ` is a URL.

**False positives.** Scripts added at runtime get no nonce and are governed by the host list.`,
	Run: htmlRemoteScriptTrusted,
}

func htmlRemoteScriptTrusted(pass *rules.Pass) error {
	p := pass.Project
	for _, ct := range cspTargets(p) {
		if !csp.InjectionOf(ct.Config).Script {
			continue
		}
		for _, h := range rules.CSP.Of(p).Bundle(ct.Config).HTML {
			f := p.Read(h)
			for _, tag := range csp.ScriptTags(f) {
				if tag.Integrity || !(strings.HasPrefix(tag.Src, "http://") || strings.HasPrefix(tag.Src, "https://")) {
					continue
				}
				pass.ReportOn(ct.Target, rules.Finding{Location: f.Span(tag.Start, tag.End), Subject: tag.Src,
					Message: fmt.Sprintf("remote script %q gets tauri's nonce and runs whatever script-src lists", tag.Src)})
			}
		}
	}
	return nil
}
