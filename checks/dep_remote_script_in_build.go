package checks

import (
	"fmt"
	"slices"
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
	Title:    "build runs downloaded code without verifying it",
	Level:    rules.Warning,
	Severity: 6.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{494, 829},
	Doc: `A build command downloads code and runs it without checking what it got. Whoever controls
the server, its DNS, or a CDN in between decides what runs on the build machine, and the
result is signed and shipped as your app. Every spelling of it is recognised:

- a download piped into a shell or interpreter, through any other stages: curl … | sh,
  curl … | tee log | sudo bash -s --, wget -O- … | python3 -, irm … | iex;
- a download run through a substitution: eval "$(curl …)", sh -c "$(curl …)", bash <(curl …),
  source <(curl …), . <(wget …), bash <<< "$(curl …)", iex (iwr …),
  Invoke-Expression (Invoke-WebRequest …).Content, iex "& { $(irm …) }",
  [scriptblock]::Create((irm …)), (New-Object Net.WebClient).DownloadString(…) | iex;
- a file or variable filled by a download and run later in the same script:
  curl -o x.sh URL && sh x.sh, wget URL; chmod +x f; ./f, iwr URL -OutFile x.ps1; ./x.ps1,
  python get-pip.py, msiexec /i x.msi, X=$(curl …); eval "$X", $s = irm URL; iex $s.

Checked in workflow run: scripts (one step is one script), package.json scripts, the app's
build.beforeDevCommand, beforeBuildCommand and beforeBundleCommand, and the scripts build.rs
hands to a shell (Command::new("sh") with -c, pwsh -Command, cmd /C). A download checked by a
digest or signature command (sha256sum -c, shasum -a 256 -c, Get-FileHash, gpg/minisign/cosign
verify) before it runs is not reported.

Levels: the official installer of a toolchain fetched over HTTPS from its own domain
(sh.rustup.rs, bun.sh, deno.land, get.pnpm.io, astral.sh, dot.net, apt.llvm.org, …) is a note; anything else
is a warning, and an error in a workflow job that holds signing secrets (the updater key, Apple
or Windows certificates): the downloaded code runs next to them.

Workflow steps that download an executable or archive (curl -o, wget, Invoke-WebRequest
-OutFile) with no checksum or signature check anywhere in the same step are reported too: as a
warning when the file lands in a sidecar folder (binaries/) or the job handles signing
credentials, otherwise as a note.

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

Steps of local composite actions and jobs of local reusable workflows are audited too: each
once, at its own line, in the worst job that runs it (the calling step or job is a related
location).

**False positives:** official installers that verify their own payload by signature are
still reported (the script itself is unverified), as notes when they come from the
toolchain's own domain; prefer dtolnay/rust-toolchain or setup actions pinned by SHA, or
suppress with a reason.`,
	Run: remoteScriptInBuild,
}

func remoteScriptInBuild(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	if set := rules.Workflows.Of(p); set != nil {
		for _, gs := range graphStepsOnce(set.Graph, signingCache{}, func(s *deps.Step) bool { return s.Run != nil }) {
			lines := logicalLines(p, gs.Step.Run.Lines)
			signingOf := func() []string { return gs.Signing }
			ran := reportRuns(pass, lines, gs.where(), signingOf, nil, gs.Related)
			reportUnverifiedDownloads(pass, gs, lines, ran)
		}
	}
	for _, pj := range m.Packages {
		for _, s := range pj.Scripts {
			reportRuns(pass, []shell.Text{shell.NewText(p.Files(), s.Command, s.Loc)}, fmt.Sprintf("npm script %q", s.Name), nil, nil, nil)
		}
	}
	for _, t := range p.Targets {
		for _, key := range []string{"beforeDevCommand", "beforeBuildCommand", "beforeBundleCommand"} {
			n := t.Config.At("build", key)
			if n.Is(source.Object) {
				n = n.Get("script")
			}
			if s, ok := n.Str(); ok {
				reportRuns(pass, []shell.Text{shell.NewText(p.Files(), s, n.Location())}, "build."+key, nil, t, nil)
			}
		}
	}
	if b := rules.RustFacts.Of(p).Build; b != nil {
		for _, sc := range b.ShellScripts {
			reportRuns(pass, []shell.Text{shell.NewText(p.Files(), sc.Text, sc.Loc)}, "build.rs", nil, nil, nil)
		}
	}
	return nil
}

// reportRuns reports where a script runs downloaded code and returns the
// lines involved (where it runs and where it was downloaded). signingOf
// names the job's signing secrets (nil outside workflows); t is the
// target a build hook belongs to (nil elsewhere); related are the callers
// of a workflow step.
func reportRuns(pass *rules.Pass, lines []shell.Text, where string, signingOf func() []string, t *rules.Target, related []rules.Related) map[int]bool {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	ran := map[int]bool{}
	for _, r := range shell.Runs(texts) {
		ran[r.Line] = true
		l := lines[r.Line]
		snippet := strings.TrimSpace(l.Text[r.Start:r.End])
		f := rules.Finding{Location: l.Span(r.Start, r.End), Subject: snippet,
			Message: fmt.Sprintf("%s runs downloaded code unverified: %s", where, depClip(snippet, 80))}
		if d := r.Download; d != nil {
			ran[d.Line] = true
			from := lines[d.Line]
			f.Message = fmt.Sprintf("%s runs %s, downloaded%s without verifying it", where, r.Name, fromURL(r.URL))
			f.Related = []rules.Related{{Location: from.Span(d.Start, d.End), Message: "downloaded here"}}
		}
		f.Level = runLevel(r.URL, signingOf, &f.Message)
		f.Related = append(f.Related, related...)
		if t != nil {
			pass.ReportOn(t, f)
		} else {
			pass.Report(f)
		}
	}
	return ran
}

func fromURL(u string) string {
	if u == "" {
		return ""
	}
	return " from " + depClip(u, 80)
}

// officialInstallers are toolchain installers served from the
// toolchain's own domain: what runs is what the toolchain ships.
var officialInstallers = []string{"sh.rustup.rs", "win.rustup.rs", "static.rust-lang.org", "bun.sh", "deno.land",
	"deno.com", "get.pnpm.io", "astral.sh", "install.python-poetry.org", "dot.net", "dotnet.microsoft.com",
	"get.volta.sh", "fnm.vercel.app", "create.tauri.app", "get.sdkman.io", "nixos.org", "install.determinate.systems", "apt.llvm.org"}

// runLevel is the level of a download-and-run: a note for an official
// toolchain installer over HTTPS, an error when the job holds signing
// secrets (the message says which), else a warning.
func runLevel(url string, signingOf func() []string, msg *string) rules.Level {
	if rest, ok := strings.CutPrefix(strings.ToLower(url), "https://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		if slices.Contains(officialInstallers, host) {
			*msg += " (an official toolchain installer from its own domain)"
			return rules.Note
		}
	}
	if signingOf != nil {
		if s := signingOf(); len(s) > 0 {
			*msg += "; the job holds signing secrets (" + depList(s, 3) + ")"
			return rules.Error
		}
	}
	return rules.Warning
}

// reportUnverifiedDownloads reports binaries a step downloads without
// any verification command in the same step; lines already reported as
// downloads that run (ran) are skipped.
func reportUnverifiedDownloads(pass *rules.Pass, gs *graphStep, lines []shell.Text, ran map[int]bool) {
	run := gs.Step.Run.Text
	if !shell.MayDownload(run) || shell.VerifyCommand.MatchString(run) {
		return
	}
	for i, l := range lines {
		if ran[i] {
			continue // already reported
		}
		m := shell.BinaryDownload.FindStringSubmatchIndex(l.Text)
		if m == nil {
			continue
		}
		target := l.Text[m[2]:m[3]]
		level := rules.Note
		if strings.Contains(target, "binaries/") || len(gs.Signing) > 0 {
			level = rules.Warning
		}
		pass.Report(rules.Finding{Location: l.Span(m[0], m[1]), Level: level, Subject: target,
			Message: fmt.Sprintf("%s downloads %s without verifying a checksum or signature", gs.where(), depClip(target, 80)),
			Related: gs.Related})
	}
}
