package checks

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CIInstallNotFrozen reports CI installs that may ignore or rewrite the
// lockfile.
var CIInstallNotFrozen = &rules.Rule{
	ID:       "TA-DEP-015",
	Name:     "ci-install-not-frozen",
	Title:    "CI installs dependencies or tools without a lock",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1357, 494},
	Doc: `A workflow step installs the frontend's dependencies in a way that may resolve versions anew
instead of installing exactly what the lockfile records: npm install (instead of npm ci),
yarn install without --frozen-lockfile or --immutable, bun install without --frozen-lockfile.
When package.json and the lockfile disagree, or the lock is missing, the build pulls the newest
matching versions, including one published by a hijacked maintainer account minutes ago, and
that code ends up in the signed app. rules.md has no ID for this check; it complements
TA-DEP-005 (lockfile missing).

pnpm install and yarn 2+ (berry) install default to a frozen lockfile when the CI variable is
set, as it is on GitHub Actions; they are reported as **notes** so the intent is written down
(an .npmrc or .yarnrc.yml can switch the default off). An explicit --no-frozen-lockfile or
--no-immutable is a warning.

Tools a workflow installs are judged the same way, as **notes** (**warnings** in a job that
holds signing secrets, where the tool runs next to the keys):

- cargo install without --locked (or --frozen): Cargo ignores the crate's published
  Cargo.lock and takes the newest semver-compatible version of every dependency. cargo binstall
  is not reported: it downloads a prebuilt release and checks its signature when the crate
  publishes one; pin its version like any other tool.
- pip install without --require-hashes, as Scorecard's Pinned-Dependencies reads it (only
  wheels, or a local editable install with --no-deps, count as pinned), except that
  -r requirements.txt is pinned when that file has --hash lines (pip then checks every hash).
  python -m pip and uv pip are the same command.
- npx/bunx/pnpx of pkg@latest (or @next), npx -y and pnpm/yarn dlx of an unversioned package
  the app does not depend on: each run fetches whatever was published last. npx tauri and other
  commands served from node_modules are not reported.

**Fix:** npm ci, pnpm install --frozen-lockfile, yarn install --frozen-lockfile (classic) or
yarn install --immutable (berry), bun install --frozen-lockfile.

Bad:

~~~yaml
- run: npm install
~~~

Good:

~~~yaml
- run: npm ci
~~~

For tools: cargo install --locked tauri-cli --version 2.5.0; pip install --require-hashes -r
requirements.txt; npx some-tool@1.2.3.

Steps of local composite actions and jobs of local reusable workflows are audited too: each
once, at its own line, in the worst job that runs it (the calling step or job is a related
location).

**False positives:** installs of named npm packages (npm install -g @tauri-apps/cli, pnpm add x)
are tool installs and not reported; pin their versions instead.`,
	Run: ciInstallNotFrozen,
}

func ciInstallNotFrozen(pass *rules.Pass) error {
	m := rules.Deps.Of(pass.Project)
	berry := yarnBerry(pass.Project, m)
	tools := newToolInstall(pass.Project, m)
	set := rules.Workflows.Of(pass.Project)
	if set == nil {
		return nil
	}
	for _, gs := range graphStepsOnce(set.Graph, signingCache{}, func(s *deps.Step) bool { return s.Run != nil }) {
		for _, l := range logicalLines(pass.Project, gs.Step.Run.Lines) {
			for _, c := range shell.Split(l.Text) {
				level, why := unfrozenInstall(c, berry)
				if why == "" {
					if why = tools.unlockedTool(c); why == "" {
						continue
					}
					level = rules.Note
					if len(gs.Signing) > 0 {
						level, why = rules.Warning, why+"; the job holds signing secrets"
					}
				}
				pass.Report(rules.Finding{Location: l.Span(c.Start, c.End), Level: level,
					Subject: strings.Join(c.Words, " "), Message: why, Related: gs.Related})
			}
		}
	}
	return nil
}

// yarnBerry reports whether the project uses yarn 2+: a berry lockfile,
// a .yarnrc.yml, or a packageManager of yarn@2 or later.
func yarnBerry(p *rules.Project, m *deps.App) bool {
	for _, lk := range m.JSLocks {
		if lk.Kind == deps.YarnBerryKind {
			return true
		}
	}
	for _, pj := range m.Packages {
		if v, ok := strings.CutPrefix(pj.PackageManager, "yarn@"); ok && !strings.HasPrefix(v, "1.") {
			return true
		}
	}
	return p.Exists(".yarnrc.yml")
}

// unfrozenInstall returns the level and message for an install command
// that does not enforce the lockfile ("" when fine or not an install).
func unfrozenInstall(c shell.Cmd, berry bool) (rules.Level, string) {
	prog, _ := c.Program()
	sub, rest := shell.Subcommand(c.Args())
	switch prog {
	case "npm":
		if !slices.Contains([]string{"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isntall"}, sub) ||
			shell.HasFlag(rest, "-g", "--global") || hasPackageArgs(rest) {
			return "", ""
		}
		return rules.Warning, "npm install can resolve new versions and rewrite package-lock.json; use npm ci"
	case "pnpm":
		if (sub != "install" && sub != "i") || hasPackageArgs(rest) || shell.HasFlag(rest, "--frozen-lockfile") && !hasFalse(rest, "--frozen-lockfile") {
			return "", ""
		}
		if shell.HasFlag(rest, "--no-frozen-lockfile") || hasFalse(rest, "--frozen-lockfile") {
			return rules.Warning, "pnpm install --no-frozen-lockfile resolves new versions; use --frozen-lockfile"
		}
		return rules.Note, "pnpm install relies on pnpm's CI default for a frozen lockfile; pass --frozen-lockfile explicitly"
	case "yarn":
		return yarnInstall(sub, rest, berry)
	case "bun":
		if (sub != "install" && sub != "i") || hasPackageArgs(rest) || shell.HasFlag(rest, "--frozen-lockfile") {
			return "", ""
		}
		return rules.Warning, "bun install can resolve new versions and rewrite the lockfile; use bun install --frozen-lockfile (or bun ci)"
	}
	return "", ""
}

func yarnInstall(sub string, rest []string, berry bool) (rules.Level, string) {
	if sub != "" && sub != "install" || hasPackageArgs(rest) {
		return "", "" // yarn <script>, yarn add
	}
	if shell.HasFlag(rest, "--frozen-lockfile", "--immutable") && !hasFalse(rest, "--immutable") {
		return "", ""
	}
	if berry && !shell.HasFlag(rest, "--no-immutable") && !hasFalse(rest, "--immutable") {
		return rules.Note, "yarn install relies on yarn's CI default (--immutable); pass --immutable explicitly"
	}
	if berry {
		return rules.Warning, "yarn install --no-immutable can rewrite yarn.lock; use yarn install --immutable"
	}
	return rules.Warning, "yarn install without --frozen-lockfile can resolve new versions and rewrite yarn.lock; " +
		"use yarn install --frozen-lockfile"
}

// hasPackageArgs reports whether install args name packages (positional
// words that are not flag values).
func hasPackageArgs(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if slices.Contains(shell.ValueFlags, a) {
				i++
			}
			continue
		}
		return true
	}
	return false
}

// hasFalse reports --flag=false.
func hasFalse(args []string, flag string) bool {
	return slices.Contains(args, flag+"=false")
}
