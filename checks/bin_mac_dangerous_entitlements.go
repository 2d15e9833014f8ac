package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// MacDangerousEntitlements reports entitlements that undo the hardened
// runtime.
var MacDangerousEntitlements = &rules.Rule{
	ID:       "TA-BIN-009",
	Name:     "mac-dangerous-entitlements",
	Title:    "the macOS entitlements re-open code injection",
	Level:    rules.Warning,
	Severity: 6.3,
	Tags:     []string{"bin"},
	CWE:      []int{693, 427},
	Doc: `The entitlements plist named by bundle.macOS.entitlements grants
com.apple.security.cs.disable-library-validation, allow-dyld-environment-variables,
allow-unsigned-executable-memory, disable-executable-page-protection or debugger, which re-open
dylib injection, code injection or debugger attach on a hardened app. get-task-allow true lets
any process attach a debugger and is an error.

**Fix:** remove them; com.apple.security.cs.allow-jit only if the app really needs a JIT.

**False positives:** apps that load third-party plugins may need library validation off;
suppress with a reason.`,
	Run: macDangerousEntitlements,
}

// dangerousEntitlements maps each entitlement to its effect.
var dangerousEntitlements = map[string]string{
	"com.apple.security.cs.disable-library-validation":         "lets unsigned dylibs load",
	"com.apple.security.cs.allow-dyld-environment-variables":   "honours DYLD_* injection",
	"com.apple.security.cs.allow-unsigned-executable-memory":   "allows unsigned executable memory",
	"com.apple.security.cs.disable-executable-page-protection": "disables executable page protection",
	"com.apple.security.cs.debugger":                           "makes the app a debugger",
	"com.apple.security.get-task-allow":                        "lets any process attach a debugger",
}

func macDangerousEntitlements(pass *rules.Pass) error {
	p := pass.Project
	seen := map[string]bool{}
	for _, t := range p.Targets {
		rel := binBundle(t).Field("macOS").Field("entitlements").String()
		if rel == "" || seen[rel] {
			continue
		}
		seen[rel] = true
		f := p.Read(p.Path(rel))
		if f == nil {
			continue
		}
		pl, err := signing.ParsePlist(f.Data)
		if err != nil {
			continue
		}
		for _, e := range pl.Entries {
			what, ok := dangerousEntitlements[e.Key]
			if !ok || !e.True {
				continue
			}
			fd := rules.Finding{Location: f.Span(e.Offset, e.End), Subject: e.Key,
				Message: fmt.Sprintf("entitlement %s %s", e.Key, what)}
			if e.Key == "com.apple.security.get-task-allow" {
				fd.Level = rules.Error
			}
			pass.Report(fd)
		}
	}
	return nil
}
