package checks

import (
	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// WinSigningAbsent reports Windows installers built without signing.
var WinSigningAbsent = &rules.Rule{
	ID:       "TA-BIN-003",
	Name:     "win-signing-absent",
	Title:    "windows installers are built without code signing",
	Level:    rules.Warning,
	Severity: 5.0,
	Gate:     true,
	Tags:     []string{"bin"},
	CWE:      []int{345},
	Doc: `The app bundles MSI or NSIS installers (bundle.targets "all", "msi" or "nsis" with bundle.active)
but bundle.windows sets neither certificateThumbprint nor signCommand, so the installers and the
executable are unsigned. Unsigned installers trigger SmartScreen, train users to click through
warnings, and can be repackaged without anyone noticing.

**Fix:** set bundle.windows.certificateThumbprint (signtool) or bundle.windows.signCommand (relic,
Azure Trusted Signing, osslsigncode).

~~~json
{ "bundle": { "windows": { "signCommand": "trusted-signing-cli -e https://wus2.codesigning.azure.net -a Acct -c Profile %1" } } }
~~~

When a workflow that builds the app signs in CI, the finding is recorded as suppressed, naming
what was seen ("signed in CI by SignPath (signpath/github-action-submit-signing-request) in
.github/workflows/release.yml:42"): a signing-service action (SignPath, Azure Trusted or Artifact
Signing, DigiCert KeyLocker, SSL.com eSigner), a signing command in a run step (signtool sign,
osslsigncode, AzureSignTool sign, smctl sign, jsign, trusted-signing-cli, relic sign,
Set-AuthenticodeSignature), a signCommand or certificateThumbprint written into the config or
passed with --config, or the WINDOWS_CERTIFICATE or AZURE_CLIENT_SECRET credentials. The
workflows read are those of the nearest .github/workflows at or above the app.

Reported once the app has a release process: under ` + "`--mode release`" + `, or when a root workflow
has a release job (release or tag trigger, release-asset upload, tauri-action) or the app publishes
updates (updater endpoints or createUpdaterArtifacts); a freshly scaffolded app is not told to sign
installers it does not ship yet.

**False positives:** signing done outside GitHub workflows; suppress with a reason. This rule
fails the release gate.`,
	Run: winSigningAbsent,
}

func winSigningAbsent(pass *rules.Pass) error {
	if !rules.ReleaseProcess.Of(pass.Project) {
		return nil // nothing ships yet: no release workflow, updater or --mode release
	}
	ci := ciSigningFor(pass.Project, deps.SignsWindows)
	for _, t := range pass.Project.Targets {
		if t.Platform != source.Windows || !binBuilds(t, "msi", "nsis") {
			continue
		}
		w := binBundle(t).Field("windows")
		if w.Field("certificateThumbprint").String() != "" || w.Field("signCommand") != nil && !w.Field("signCommand").IsNull() {
			continue
		}
		pass.ReportOn(t, ci.suppress(rules.Finding{Location: t.Config.AbsentLocation("bundle", "windows", "signCommand"), Subject: "windows-signing",
			Message: "windows installers are bundled but bundle.windows has neither certificateThumbprint nor signCommand"}))
	}
	return nil
}
