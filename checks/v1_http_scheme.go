package checks

import "github.com/tauriaudit/tauriaudit/rules"

// V1HTTPScheme reports tauri.security.dangerousUseHttpScheme in v1.
var V1HTTPScheme = &rules.Rule{
	ID:       "TA-V1-004",
	Name:     "v1-http-scheme",
	Title:    "v1 config serves the app over http:// on windows",
	Level:    rules.Note,
	Severity: 3.1,
	Tags:     []string{"config"},
	CWE:      []int{319},
	Doc: `tauri.security.dangerousUseHttpScheme: true makes a Tauri v1 app on Windows serve its pages from
http://tauri.localhost instead of https://. The page then counts as an insecure context that
may load mixed http content, so plain-http scripts and data from the network are no longer
blocked.

**Fix:** remove the option (and migrate to v2, where the option does not exist).

Bad:

~~~json
{ "tauri": { "security": { "dangerousUseHttpScheme": true } } }
~~~

Good:

~~~json
{ "tauri": { "security": {} } }
~~~

**False positives:** not applicable to v2, whose Windows and Android default is
http://<scheme>.localhost; the rule only runs on configs recognised as v1.`,
	Run: v1HTTPScheme,
}

func v1HTTPScheme(pass *rules.Pass) error {
	if !isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		if n := t.Config.At("tauri", "security", "dangerousUseHttpScheme"); n.IsTrue() {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "dangerousUseHttpScheme",
				Message: "tauri.security.dangerousUseHttpScheme serves the app from http:// on windows, allowing mixed content"})
		}
	}
	return nil
}
