package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
)

// MacHardenedRuntimeOff reports a disabled hardened runtime.
var MacHardenedRuntimeOff = &rules.Rule{
	ID:       "TA-BIN-008",
	Name:     "mac-hardened-runtime-off",
	Title:    "the macOS hardened runtime is turned off",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"bin"},
	CWE:      []int{693},
	Doc: `bundle.macOS.hardenedRuntime: false signs the app without the hardened runtime: library
validation and the DYLD protections are off, so other code can be injected into the app, and
Apple refuses to notarize it.

**Fix:** remove the setting (the default is true).

**False positives:** some ad-hoc signing setups turn it off for local runs.`,
	Run: macHardenedRuntimeOff,
}

func macHardenedRuntimeOff(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		n := binBundle(t).Field("macOS").Field("hardenedRuntime")
		if b, ok := n.Bool(); ok && !b {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "hardenedRuntime",
				Message: "hardenedRuntime is false"})
		}
	}
	return nil
}
