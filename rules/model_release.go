package rules

import "github.com/tauriaudit/tauriaudit/deps"

// ReleaseProcess reports whether the app has a way to ship builds that its
// installers' signing matters for: the release gate was asked for
// (--mode release), a root workflow has a release job (a release or tag
// trigger, release-asset uploads, tauri-action), or the app publishes
// updates (an updater endpoint or updater artifacts). A freshly scaffolded
// app has none of these, so findings that only a release process can act
// on (installers without code signing) wait until it has one.
var ReleaseProcess = PerApp("release.process", hasReleaseProcess)

func hasReleaseProcess(p *Project) bool {
	if p.Settings().Mode == "release" {
		return true
	}
	for _, w := range Workflows.Of(p).Root {
		for _, j := range w.Jobs {
			if w.IsReleaseJob(j) {
				return true
			}
		}
	}
	for _, t := range p.Targets {
		if t.Config.Get("plugins").Get("updater").Get("endpoints") != nil {
			return true
		}
		// true, or "v1Compatible".
		if a := t.Config.Get("bundle").Get("createUpdaterArtifacts"); a.IsTrue() || a.String() != "" {
			return true
		}
	}
	return false
}

// CISigning is the code-signing evidence (signing services, signing
// commands, credentials handed to the build) in the workflows that build
// the app: the nearest .github/workflows at or above it.
var CISigning = PerApp("release.ci-signing", func(p *Project) []deps.CISigning {
	return deps.FindCISigning(Workflows.Of(p).WorkflowsNear(p.Dir))
})
