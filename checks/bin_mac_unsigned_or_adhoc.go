package checks

import (
	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// MacUnsignedOrAdhoc reports macOS bundles without a Developer ID.
var MacUnsignedOrAdhoc = &rules.Rule{
	ID:       "TA-BIN-007",
	Name:     "mac-unsigned-or-adhoc",
	Title:    "macOS bundles are unsigned or ad-hoc signed",
	Level:    rules.Warning,
	Severity: 5.0,
	Gate:     true,
	Tags:     []string{"bin"},
	CWE:      []int{345},
	Doc: `The app bundles for macOS (bundle.targets "all", "app" or "dmg" with bundle.active) and
bundle.macOS.signingIdentity is "-" (ad-hoc), or is unset. Without a Developer ID signature Gatekeeper warns,
the app cannot be notarized, and tampering goes unnoticed.

**Fix:** sign with a Developer ID Application identity and notarize in CI (APPLE_CERTIFICATE,
APPLE_SIGNING_IDENTITY, APPLE_ID/APPLE_PASSWORD or APPLE_API_KEY).

A missing identity is reported once the app has a release process: under ` + "`--mode release`" + `, or when a root workflow
has a release job (release or tag trigger, release-asset upload, tauri-action) or the app publishes
updates (updater endpoints or createUpdaterArtifacts); a freshly scaffolded app is not told to sign
installers it does not ship yet.

An unset identity is recorded as suppressed, naming what was seen, when a workflow that builds the
app signs in CI: APPLE_CERTIFICATE or APPLE_SIGNING_IDENTITY in env or passed to
tauri-apps/tauri-action, apple-actions/import-codesign-certs, codesign with an identity other than
"-", or xcrun notarytool submit.

**False positives:** ad-hoc signing is fine for local test builds. This rule fails the release gate.`,
	Run: macUnsignedOrAdhoc,
}

func macUnsignedOrAdhoc(pass *rules.Pass) error {
	// An unset identity matters once something ships; an explicit ad-hoc
	// one is a choice worth naming at once.
	ships := rules.ReleaseProcess.Of(pass.Project)
	ci := ciSigningFor(pass.Project, deps.SignsMacOS)
	for _, t := range pass.Project.Targets {
		if t.Platform != source.MacOS || !binBuilds(t, "app", "dmg") {
			continue
		}
		n := binBundle(t).Field("macOS").Field("signingIdentity")
		switch id, _ := n.Str(); {
		case id == "-":
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "adhoc",
				Message: `signingIdentity "-" signs ad-hoc: no Developer ID, no notarization`})
		case id == "" && ships:
			msg := "macOS bundles are built without a signing identity (none in the config or in a workflow)"
			if ci.What != "" {
				msg = "macOS bundles get no signing identity from the config; a workflow signs them"
			}
			pass.ReportOn(t, ci.suppress(rules.Finding{Location: t.Config.AbsentLocation("bundle", "macOS", "signingIdentity"), Subject: "unsigned",
				Message: msg}))
		}
	}
	return nil
}
