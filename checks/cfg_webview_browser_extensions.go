package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// WebviewBrowserExtensions reports windows that allow browser extensions.
var WebviewBrowserExtensions = &rules.Rule{
	ID:       "TA-CFG-007",
	Name:     "webview-browser-extensions",
	Title:    "a window lets browser extensions into the webview",
	Level:    rules.Warning,
	Severity: 4.3,
	Tags:     []string{"config"},
	CWE:      []int{829},
	Doc: `With browserExtensionsEnabled: true, WebView2 loads browser extensions installed for the webview
profile. An extension can inject script into the app's pages and so reach everything the window
may call over IPC.

**Fix:** leave browserExtensionsEnabled unset (false).

Bad:

~~~json
{ "app": { "windows": [ { "label": "main", "browserExtensionsEnabled": true } ] } }
~~~

Good:

~~~json
{ "app": { "windows": [ { "label": "main" } ] } }
~~~

**False positives:** the setting only affects Windows, and only matters once an extension is
installed in the webview's profile.`,
	Run: webviewBrowserExtensions,
}

func webviewBrowserExtensions(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, w := range appWindows(t) {
			n := w.Field("browserExtensionsEnabled")
			if n.IsTrue() {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: windowLabel(w),
					Message: fmt.Sprintf("window %q enables browser extensions", windowLabel(w))})
			}
		}
	}
	return nil
}
