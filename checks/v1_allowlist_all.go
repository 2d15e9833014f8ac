package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// V1AllowlistAll reports v1 allowlist "all" switches for whole APIs.
var V1AllowlistAll = &rules.Rule{
	ID:       "TA-V1-002",
	Name:     "v1-allowlist-all",
	Title:    "the v1 allowlist enables every api of a module",
	Level:    rules.Error,
	Severity: 8.6,
	Tags:     []string{"config"},
	CWE:      []int{250},
	Doc: `In a Tauri v1 config, tauri.allowlist.all: true (or the api-all Cargo feature of tauri) compiles in
every API, and all: true on the fs, shell, http or process module enables every call of that
module: arbitrary file reads and writes, program execution, HTTP requests without CORS, exit and
relaunch. The v1 allowlist has no per-window boundary, so any script in any window (an XSS, a
compromised dependency) can use all of it. Setting a single flag to false never removes what an
all flag enabled.

**Fix:** enable only the flags the app uses, each with the narrowest scope; better, migrate to
v2 (tauri migrate) and grant permissions per window.

Bad:

~~~json
{ "tauri": { "allowlist": { "all": true } } }
~~~

Good:

~~~json
{ "tauri": { "allowlist": { "dialog": { "open": true } } } }
~~~

**False positives:** none known; all on other modules (window, dialog, notification...) is not
reported.`,
	Run: v1AllowlistAll,
}

// v1RiskyModules are the allowlist modules whose "all" reaches the OS.
var v1RiskyModules = []string{"fs", "shell", "http", "process"}

func v1AllowlistAll(pass *rules.Pass) error {
	p := pass.Project
	if !isV1(p) {
		return nil
	}
	for _, t := range p.Targets {
		allow := t.Config.At("tauri", "allowlist")
		if n := allow.Get("all"); n.IsTrue() {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "allowlist.all",
				Message: "tauri.allowlist.all enables every v1 api for every window"})
		}
		for _, mod := range v1RiskyModules {
			if n := allow.Get(mod).Get("all"); n.IsTrue() {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "allowlist." + mod + ".all",
					Message: fmt.Sprintf("tauri.allowlist.%s.all enables every %s api for every window", mod, mod)})
			}
		}
	}
	for _, f := range tauriCargoFeatures(p) {
		if f.String() == "api-all" {
			pass.Report(rules.Finding{Location: f.Location(), Subject: "api-all",
				Message: `the tauri crate's "api-all" feature compiles in every v1 api`})
		}
	}
	return nil
}
