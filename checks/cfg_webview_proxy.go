package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
)

// WebviewProxy reports windows whose traffic goes through a remote proxy.
var WebviewProxy = &rules.Rule{
	ID:       "TA-CFG-015",
	Name:     "webview-proxy",
	Title:    "a window sends its traffic through a remote proxy",
	Level:    rules.Note,
	Severity: 3.7,
	Tags:     []string{"config"},
	CWE:      []int{300, 319},
	Doc: `A window's proxyUrl routes every request of its webview through that proxy. Both proxy kinds
Tauri accepts (http:// and socks5://) talk to the proxy without encryption, and the proxy
operator sees the destination of every request and the content of any plain-http one, and can
modify it.

**Fix:** drop the proxy, or use a trusted proxy on this machine.

Bad:

~~~json
{ "app": { "windows": [ { "proxyUrl": "socks5://proxy.example.net:1080" } ] } }
~~~

Good:

~~~json
{ "app": { "windows": [ { "proxyUrl": "http://127.0.0.1:8888" } ] } }
~~~

**False positives:** corporate networks may require a proxy by policy; suppress with that reason.`,
	Run: webviewProxy,
}

func webviewProxy(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, w := range appWindows(t) {
			n := w.Field("proxyUrl")
			s, _ := n.Str()
			u := urls.ParseAbsURL(s)
			if u == nil || u.Host == "" || urls.IsLoopbackHost(u.Hostname()) {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: s,
				Message: fmt.Sprintf("window %q sends all its traffic through the proxy %q", windowLabel(w), s)})
		}
	}
	return nil
}
