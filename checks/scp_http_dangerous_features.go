package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HTTPDangerousFeatures reports the http plugin's dangerous Cargo
// features.
var HTTPDangerousFeatures = &rules.Rule{
	ID:       "TA-SCP-019",
	Name:     "http-dangerous-features",
	Title:    "the http plugin is built with dangerous features",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"scope"},
	CWE:      []int{295, 346},
	Doc: `tauri-plugin-http is built with the Cargo feature ` + "`dangerous-settings`" + ` (the frontend may pass
` + "`danger: { acceptInvalidCerts, acceptInvalidHostnames }`" + `) or ` + "`unsafe-headers`" + ` (it may set forbidden
headers such as Origin, Cookie or Host). Frontend code — including an XSS payload — can then turn
off TLS validation or forge headers.

The app crate's dependency entry is read, and for ` + "`workspace = true`" + ` entries the workspace entry too.

**Fix:** remove the features; make TLS exceptions in Rust for specific hosts (pin the certificate).

Bad:

~~~toml
tauri-plugin-http = { version = "2", features = ["dangerous-settings"] }
~~~

**False positives:** internal tools talking to self-signed services: pin certificates instead.`,
	Run: httpDangerousFeatures,
}

var dangerousHTTPFeatures = map[string]string{
	"dangerous-settings": "lets the frontend turn off tls certificate and hostname checks",
	"unsafe-headers":     "lets the frontend set forbidden headers (Origin, Cookie, Host)",
}

func httpDangerousFeatures(pass *rules.Pass) error {
	p := pass.Project
	if !aclAudited(p) {
		return nil
	}
	for _, spec := range cargoDepSpecs(p, "tauri-plugin-http") {
		for _, f := range spec.Get("features").Items() {
			if why, ok := dangerousHTTPFeatures[f.String()]; ok {
				pass.Report(rules.Finding{Location: f.Location(), Subject: f.String(),
					Message: fmt.Sprintf("tauri-plugin-http feature %q %s", f.String(), why)})
			}
		}
	}
	return nil
}
