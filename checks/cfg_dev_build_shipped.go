package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
)

// DevBuildShipped reports release jobs that compile the app without the
// custom-protocol feature.
var DevBuildShipped = &rules.Rule{
	ID:       "TA-CFG-008",
	Name:     "dev-build-shipped",
	Title:    "a release job builds the app in dev mode (no custom-protocol)",
	Level:    rules.Warning,
	Severity: 6.9,
	Gate:     true,
	Tags:     []string{"config"},
	CWE:      []int{489, 829},
	Doc: `A workflow job that ships its output (it runs on a release or a tag push, or uploads artifacts
or release assets) compiles the app crate with plain cargo build --release (or cross build)
instead of the Tauri CLI, and without the tauri/custom-protocol feature. tauri's build script
then compiles the app in dev mode: it loads build.devUrl (typically http://localhost:1420)
instead of the embedded assets, so any local process that binds that port serves the UI with
the app's local IPC privileges. The Tauri CLI adds the feature automatically; cargo does not.

A cargo build counts for the app when it names the app's package (-p/--package), its
manifest (--manifest-path), or runs in the app's directory or at the workspace root. It is
fine when the build enables custom-protocol or tauri/custom-protocol (--features, a default
feature, --all-features, or the tauri dependency's own features). When the same job also runs
the Tauri CLI (tauri build, tauri-apps/tauri-action), the cargo build is probably for
something else: the finding is then a note. Release gate: fails --mode release.

**Fix:** build with the Tauri CLI (tauri build / tauri-apps/tauri-action), or pass the feature:
cargo build --release --features tauri/custom-protocol.

Bad:

~~~yaml
- run: cargo build --release --manifest-path src-tauri/Cargo.toml
- uses: actions/upload-artifact@<sha>
~~~

Good:

~~~yaml
- run: npx tauri build
~~~

**False positives:** a job whose cargo build output is never shipped (tests, benchmarks) is
reported only if the job also uploads artifacts; such jobs can be suppressed by subject.`,
	Run: devBuildShipped,
}

func devBuildShipped(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	if m.Manifest == nil || m.Manifest.Package == nil || len(m.Manifest.Deps("tauri")) == 0 {
		return nil
	}
	for _, w := range m.Workflows {
		for _, j := range w.Jobs {
			if !w.IsReleaseJob(j) {
				continue
			}
			cli := jobUsesTauriCLI(p, m, j)
			for _, s := range j.Steps {
				reportDevBuilds(pass, m, w, j, s, cli)
			}
		}
	}
	return nil
}

func reportDevBuilds(pass *rules.Pass, m *deps.App, w *deps.Workflow, j *deps.Job, s *deps.Step, cli bool) {
	if s.Run == nil {
		return
	}
	p := pass.Project
	cwd := path.Clean(strings.TrimPrefix(s.WorkingDirectory, "./"))
	for _, l := range logicalLines(p, s.Run.Lines) {
		for _, c := range shell.Split(l.Text) {
			prog, at := c.Program()
			if prog == "cd" && at+1 < len(c.Words) {
				cwd = path.Clean(path.Join(cwd, c.Words[at+1]))
				continue
			}
			if !devBuildOfApp(p, m, c, cwd) {
				continue
			}
			f := rules.Finding{Location: l.Span(c.Start, c.End), Subject: j.ID + ": " + strings.Join(c.Words, " "),
				Message: fmt.Sprintf("job %q builds the app with %q, without tauri/custom-protocol: the binary loads build.devUrl instead of the embedded frontend",
					j.ID, depClip(strings.Join(c.Words, " "), 80))}
			if cli {
				f.Level = rules.Note
				f.Message += " (the job also runs the Tauri CLI; check which binary is shipped)"
			}
			pass.Report(f)
		}
	}
}

// devBuildOfApp reports a release cargo/cross build of the app crate
// without the custom-protocol feature.
func devBuildOfApp(p *rules.Project, m *deps.App, c shell.Cmd, cwd string) bool {
	prog, at := c.Program()
	if prog != "cargo" && prog != "cross" {
		return false
	}
	args := c.Words[at+1:]
	if len(args) > 0 && strings.HasPrefix(args[0], "+") {
		args = args[1:]
	}
	sub, rest := shell.Subcommand(args)
	if sub != "build" && sub != "b" || !releaseProfile(rest) {
		return false
	}
	if !buildsApp(p, m, rest, cwd) {
		return false
	}
	return !enablesCustomProtocol(m.Manifest, rest)
}

// releaseProfile reports --release, -r or a --profile other than dev/test.
func releaseProfile(args []string) bool {
	if shell.HasFlag(args, "--release", "-r") {
		return true
	}
	for _, prof := range shell.FlagValues(args, "--profile") {
		if prof != "dev" && prof != "test" && prof != "bench" {
			return true
		}
	}
	return false
}

// buildsApp decides whether the command compiles the app crate.
func buildsApp(p *rules.Project, m *deps.App, args []string, cwd string) bool {
	if pkgs := shell.FlagValues(args, "-p", "--package"); len(pkgs) > 0 {
		for _, pkg := range pkgs {
			name, _, _ := strings.Cut(pkg, "@")
			if name == m.Manifest.Package.Name {
				return true
			}
		}
		return false
	}
	if mps := shell.FlagValues(args, "--manifest-path"); len(mps) > 0 {
		for _, mp := range mps {
			if path.Clean(path.Join(cwd, mp)) == p.Path("Cargo.toml") {
				return true
			}
		}
		return false
	}
	if strings.Contains(cwd, "${{") {
		return false
	}
	inApp := cwd == p.Dir || p.Dir == "." || strings.HasPrefix(cwd, p.Dir+"/")
	atRoot := m.Root != nil && m.Root.Workspace != nil && cwd == m.RootDir
	return inApp || atRoot
}

// enablesCustomProtocol reports whether the build turns on
// tauri/custom-protocol: through --features, --all-features, default
// features or the tauri dependency itself.
func enablesCustomProtocol(man *deps.CargoManifest, args []string) bool {
	for _, d := range man.Deps("tauri") {
		if slices.Contains(d.Features, "custom-protocol") {
			return true
		}
	}
	var want []string
	for _, v := range shell.FlagValues(args, "--features", "-F") {
		want = append(want, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })...)
	}
	if !shell.HasFlag(args, "--no-default-features") {
		want = append(want, "default")
	}
	if shell.HasFlag(args, "--all-features") {
		for f := range man.Features {
			want = append(want, f)
		}
	}
	for _, f := range want {
		if f == "custom-protocol" && man.Features[f] == nil || f == "tauri/custom-protocol" || featureEnables(man.Features, f, "tauri/custom-protocol") {
			return true
		}
	}
	return false
}

// tauriBuild matches a Tauri CLI build in a run line.
var tauriBuild = lazyre.New(`\btauri(?:\.cmd)?\s+build\b`)

// jobUsesTauriCLI reports whether the job builds with the Tauri CLI: the
// tauri-action, a tauri build command, or an npm script that runs one.
func jobUsesTauriCLI(p *rules.Project, m *deps.App, j *deps.Job) bool {
	var scripts []string
	for _, pj := range m.Packages {
		for _, s := range pj.Scripts {
			if tauriBuild.MatchString(s.Command) {
				scripts = append(scripts, s.Name)
			}
		}
	}
	for _, s := range j.Steps {
		if s.IsAction("tauri-apps/tauri-action") {
			return true
		}
		if s.Run == nil {
			continue
		}
		if tauriBuild.MatchString(s.Run.Text) {
			return true
		}
		for _, l := range logicalLines(p, s.Run.Lines) {
			for _, c := range shell.Split(l.Text) {
				if prog, _ := c.Program(); slices.Contains([]string{"npm", "pnpm", "yarn", "bun"}, prog) &&
					slices.ContainsFunc(c.Args(), func(a string) bool { return slices.Contains(scripts, a) }) {
					return true
				}
			}
		}
	}
	return false
}
