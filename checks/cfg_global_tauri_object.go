package checks

import "github.com/tauriaudit/tauriaudit/rules"

// GlobalTauriObject reports app.withGlobalTauri: true.
var GlobalTauriObject = &rules.Rule{
	ID:       "TA-CFG-011",
	Name:     "global-tauri-object",
	Title:    "the tauri api is exposed as window.__TAURI__",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"config"},
	CWE:      []int{749},
	Doc: `app.withGlobalTauri: true injects the whole JavaScript API into every page as window.__TAURI__.
It is not a security boundary (capabilities still decide what may be called), but it hands any
injected or third-party script a ready-made handle to invoke commands, read files or open URLs
without having to find the app's module instances.

**Fix:** import from the @tauri-apps/api modules and set withGlobalTauri to false.

Bad:

~~~json
{ "app": { "withGlobalTauri": true } }
~~~

Good:

~~~json
{ "app": { "withGlobalTauri": false } }
~~~

**False positives:** apps without a bundler need the global object; on its own this is a
low-value finding, kept at note level.`,
	Run: globalTauriObject,
}

func globalTauriObject(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		n := t.Config.At("app", "withGlobalTauri")
		if n.IsTrue() {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "withGlobalTauri",
				Message: "app.withGlobalTauri exposes the tauri api to every script as window.__TAURI__"})
		}
	}
	return nil
}
