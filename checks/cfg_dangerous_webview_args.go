package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// DangerousWebviewArgs reports WebView2 flags that switch off browser
// security.
var DangerousWebviewArgs = &rules.Rule{
	ID:       "TA-CFG-006",
	Name:     "dangerous-webview-args",
	Title:    "additionalBrowserArgs turns off webview security",
	Level:    rules.Error,
	Severity: 8.1,
	Tags:     []string{"config"},
	CWE:      []int{295, 346, 489},
	Doc: `A window's additionalBrowserArgs passes Chromium flags to WebView2 that disable the same-origin
policy (--disable-web-security, --disable-site-isolation-trials, IsolateOrigins in
--disable-features), TLS validation (--ignore-certificate-errors), mixed-content blocking
(--allow-running-insecure-content), file isolation (--allow-file-access-from-files) or the
sandbox (--no-sandbox), or that open a DevTools debugging endpoint (--remote-debugging-port,
--remote-debugging-pipe) which any local process can drive to run script with the window's IPC
access. --user-data-dir moves the profile, usually to a path shared with something else.

**Fix:** remove the flags. Setting additionalBrowserArgs replaces wry's default flag string, so
re-add the defaults you still need (for example --disable-features=msWebOOUI,msPdfOOUI,msSmartScreenProtection).

Bad:

~~~json
{ "app": { "windows": [ { "additionalBrowserArgs": "--disable-web-security --remote-debugging-port=9222" } ] } }
~~~

Good:

~~~json
{ "app": { "windows": [ { "additionalBrowserArgs": "--disable-features=msWebOOUI,msPdfOOUI,msSmartScreenProtection" } ] } }
~~~

**False positives:** the field only affects Windows (WebView2); it is reported on every platform
because the same config builds the Windows app.`,
	Run: dangerousWebviewArgs,
}

// webviewFlags maps each dangerous flag to what it does.
var webviewFlags = map[string]string{
	"--disable-web-security":            "disables the same-origin policy",
	"--allow-running-insecure-content":  "allows mixed http content",
	"--ignore-certificate-errors":       "disables tls certificate checks",
	"--remote-debugging-port":           "opens a devtools port any local process can drive",
	"--remote-debugging-pipe":           "opens a devtools pipe",
	"--allow-file-access-from-files":    "lets file: pages read other files",
	"--disable-site-isolation-trials":   "disables site isolation",
	"--no-sandbox":                      "disables the renderer sandbox",
	"--user-data-dir":                   "moves the webview profile to a shared path",
	"--disable-features=IsolateOrigins": "disables origin isolation",
}

func dangerousWebviewArgs(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, w := range appWindows(t) {
			n := w.Field("additionalBrowserArgs")
			for _, arg := range strings.Fields(n.String()) {
				flag, what := dangerousFlag(arg)
				if flag == "" {
					continue
				}
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: flag,
					Message: fmt.Sprintf("window %q passes %q to the webview, which %s", windowLabel(w), arg, what)})
			}
		}
	}
	return nil
}

// dangerousFlag returns the flag arg matches and its effect, or "".
func dangerousFlag(arg string) (string, string) {
	name, value, _ := strings.Cut(arg, "=")
	if name == "--disable-features" {
		for _, feat := range strings.Split(value, ",") {
			if feat == "IsolateOrigins" || feat == "site-per-process" {
				return "--disable-features=IsolateOrigins", webviewFlags["--disable-features=IsolateOrigins"]
			}
		}
		return "", ""
	}
	if what, ok := webviewFlags[name]; ok {
		return name, what
	}
	return "", ""
}
