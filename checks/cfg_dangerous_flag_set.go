package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DangerousFlagSet reports any dangerous* config key in app or plugins set
// to a non-default value, unless a dedicated rule owns the key.
var DangerousFlagSet = &rules.Rule{
	ID:       "TA-CFG-010",
	Name:     "dangerous-flag-set",
	Title:    "a dangerous* configuration option is enabled",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"config"},
	CWE:      []int{693},
	Doc: `Tauri and its plugins prefix with "dangerous" the options that switch a protection off. This rule
is the catch-all: it reports any such key under app or plugins that is set to something other
than its default (true, a non-empty list, string or object, a non-zero number).

Keys with a dedicated rule are left to that rule, so one setting is reported once:
app.security.dangerousDisableAssetCspModification (TA-CSP-005), the updater's
dangerousInsecureTransportProtocol (TA-REL-001) and dangerousAcceptInvalidCerts /
dangerousAcceptInvalidHostnames (TA-REL-002), and the v1 keys dangerousRemoteDomainIpcAccess /
dangerousUseHttpScheme (TA-V1-003 / TA-V1-004).

**Fix:** remove the option, or document why the protection it disables is not needed.

Bad:

~~~json
{ "plugins": { "example": { "dangerousSkipVerification": true } } }
~~~

Good:

~~~json
{ "plugins": { "example": {} } }
~~~

**False positives:** the rule cannot judge what an unknown plugin's option does; it only reads
the name. Suppress with the reason when the option is understood and needed.`,
	Run: dangerousFlagSet,
}

// ownedDangerousKeys are dangerous* keys other rules report, by dotted
// camelCase path; "*." matches the key anywhere.
var ownedDangerousKeys = map[string]bool{
	"app.security.dangerousDisableAssetCspModification":  true,
	"plugins.updater.dangerousInsecureTransportProtocol": true,
	"plugins.updater.dangerousAcceptInvalidCerts":        true,
	"plugins.updater.dangerousAcceptInvalidHostnames":    true,
	"*.dangerousRemoteDomainIpcAccess":                   true,
	"*.dangerousUseHttpScheme":                           true,
}

func dangerousFlagSet(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		for _, top := range []string{"app", "plugins"} {
			eachDangerousKey(t.Config.Get(top), top, func(key string, v *source.Node) {
				if isOwnedDangerousKey(key) || !isNonDefault(v) {
					return
				}
				pass.ReportOn(t, rules.Finding{Location: v.Location(), Subject: key,
					Message: fmt.Sprintf("%s is set to %s", key, valueText(v))})
			})
		}
	}
	return nil
}

func isOwnedDangerousKey(key string) bool {
	segs := strings.Split(key, ".")
	for i, s := range segs {
		segs[i] = camelKey(s)
	}
	return ownedDangerousKeys[strings.Join(segs, ".")] || ownedDangerousKeys["*."+segs[len(segs)-1]]
}
