package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// RemoteScriptInBuild reports build steps that run downloaded code
// unverified.
var RemoteScriptInBuild = &rules.Rule{
	ID:       "TA-DEP-011",
	Name:     "remote-script-in-build",
	Title:    "build pipes downloaded content into a shell",
	Level:    rules.Warning,
	Severity: 6.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{494, 829},
	Doc: `A build command downloads a script and runs it without checking what it got: curl … | sh,
wget -qO- … | bash, bash <(curl …), sh -c "$(curl …)", iwr … | iex, iex (irm …) or
(New-Object Net.WebClient).DownloadString(…) piped into Invoke-Expression. Whoever controls
the server, its DNS, or a CDN in between decides what runs on the build machine, and the
result is signed and shipped as your app.

Checked in workflow run: lines, in package.json scripts of the frontend, and in the app's
build.beforeDevCommand, beforeBuildCommand and beforeBundleCommand. Workflow steps that
download an executable or archive (curl -o, wget, Invoke-WebRequest -OutFile) with no checksum or
signature check (sha256sum, shasum, Get-FileHash, gpg/minisign/cosign verify) anywhere in the same
step are reported too: as a warning when the file lands in a sidecar folder (binaries/) or the
job handles signing credentials (the tool runs next to the keys), otherwise as a note.

**Fix:** download a pinned version and verify its SHA-256 (or signature) before running or
bundling it; prefer package managers or actions pinned by SHA.

Bad:

~~~yaml
- run: curl -fsSL https://example.com/install.sh | sh
~~~

Good:

~~~yaml
- run: |
    curl -fsSLo install.sh https://example.com/v1.2.3/install.sh
    echo "<sha256>  install.sh" | sha256sum -c -
    sh install.sh
~~~

**False positives:** official installers that verify their own payload by signature are
still reported (the script itself is unverified); rustup's installer is a common case — prefer
dtolnay/rust-toolchain pinned by SHA, or suppress with a reason.`,
	Run: remoteScriptInBuild,
}

func remoteScriptInBuild(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	// A job's signing secrets are looked up once per job: per step, a
	// workflow of many steps would cost steps² (a hang on 120k steps).
	signing := map[*deps.Job][]string{}
	for _, w := range m.Workflows {
		for _, sc := range workflowScripts(p, w) {
			for _, l := range sc.Lines {
				reportRemoteExec(pass, l, "workflow step "+stepName(sc.Step))
			}
			reportUnverifiedDownloads(pass, sc, func() []string {
				if s, ok := signing[sc.Job]; ok {
					return s
				}
				signing[sc.Job] = jobSigningSecrets(sc.Workflow, sc.Job)
				return signing[sc.Job]
			})
		}
	}
	for _, pj := range m.Packages {
		for _, s := range pj.Scripts {
			reportRemoteExec(pass, shell.NewText(p.Files(), s.Command, s.Loc), fmt.Sprintf("npm script %q", s.Name))
		}
	}
	for _, t := range p.Targets {
		for _, key := range []string{"beforeDevCommand", "beforeBuildCommand", "beforeBundleCommand"} {
			n := t.Config.At("build", key)
			if n.Is(source.Object) {
				n = n.Get("script")
			}
			if s, ok := n.Str(); ok {
				if f, ok := remoteExecFinding(shell.NewText(p.Files(), s, n.Location()), "build."+key); ok {
					pass.ReportOn(t, f)
				}
			}
		}
	}
	return nil
}

func reportRemoteExec(pass *rules.Pass, c shell.Text, where string) {
	if f, ok := remoteExecFinding(c, where); ok {
		pass.Report(f)
	}
}

func remoteExecFinding(c shell.Text, where string) (rules.Finding, bool) {
	i, j, ok := shell.RemoteExec(c.Text)
	if !ok {
		return rules.Finding{}, false
	}
	snippet := strings.TrimSpace(c.Text[i:j])
	return rules.Finding{Location: c.Span(i, j), Subject: snippet,
		Message: fmt.Sprintf("%s runs downloaded code unverified: %s", where, depClip(snippet, 80))}, true
}

// reportUnverifiedDownloads reports binaries a step downloads without
// any verification command in the same step.
func reportUnverifiedDownloads(pass *rules.Pass, sc stepScript, signingOf func() []string) {
	if sc.Step.Run == nil || shell.VerifyCommand.MatchString(sc.Step.Run.Text) {
		return
	}
	for _, l := range sc.Lines {
		if _, _, ok := shell.RemoteExec(l.Text); ok {
			continue // already reported
		}
		m := shell.BinaryDownload.FindStringSubmatchIndex(l.Text)
		if m == nil {
			continue
		}
		target := l.Text[m[2]:m[3]]
		level := rules.Note
		if strings.Contains(target, "binaries/") || len(signingOf()) > 0 {
			level = rules.Warning
		}
		pass.Report(rules.Finding{Location: l.Span(m[0], m[1]), Level: level, Subject: target,
			Message: fmt.Sprintf("workflow step %s downloads %s without verifying a checksum or signature",
				stepName(sc.Step), depClip(target, 80))})
	}
}
