package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
)

// WebView2FixedRuntime reports a bundled, never-updated WebView2.
var WebView2FixedRuntime = &rules.Rule{
	ID:       "TA-BIN-011",
	Name:     "webview2-fixed-runtime",
	Title:    "a fixed WebView2 runtime is bundled",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"bin"},
	CWE:      []int{1395},
	Doc: `bundle.windows.webviewInstallMode.type "fixedRuntime" (v1: tauri.bundle.windows
webviewInstallMode, or the older webviewFixedRuntimePath) ships a WebView2 that never receives
Evergreen updates: Chromium vulnerabilities stay in the app until you ship a new build.

**Fix:** use downloadBootstrapper (the default), embedBootstrapper or offlineInstaller.

**False positives:** air-gapped fleets that update the fixed runtime on their own schedule.`,
	Run: webView2FixedRuntime,
}

func webView2FixedRuntime(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		w := binBundle(t).Field("windows")
		n := w.Field("webviewInstallMode").Field("type")
		if n.String() == "fixedRuntime" {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "fixedRuntime",
				Message: "webviewInstallMode fixedRuntime bundles a WebView2 that gets no security updates"})
			continue
		}
		if n := w.Field("webviewFixedRuntimePath"); n.String() != "" {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "fixedRuntime",
				Message: "webviewFixedRuntimePath bundles a WebView2 that gets no security updates"})
		}
	}
	return nil
}
