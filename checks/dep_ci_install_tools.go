package checks

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
)

// toolInstall is the context TA-DEP-015 judges a tool install in: the
// packages the app's package.json files declare (npx runs those from
// node_modules) and a reader for requirement files.
type toolInstall struct {
	p        *rules.Project
	npmDeps  map[string]bool
	hashReqs map[string]bool // requirement file → has --hash lines
}

func newToolInstall(p *rules.Project, m *deps.App) *toolInstall {
	t := &toolInstall{p: p, npmDeps: map[string]bool{}, hashReqs: map[string]bool{}}
	for _, pj := range m.Packages {
		for _, d := range pj.Deps {
			t.npmDeps[d.Name] = true
		}
	}
	return t
}

// unlockedTool returns a message when c installs or runs a tool with
// versions resolved afresh: cargo install without --locked, pip install
// without hashes, npx/dlx of an unpinned package that is no dependency.
func (t *toolInstall) unlockedTool(c shell.Cmd) string {
	prog, _ := c.Program()
	args := c.Args()
	switch {
	case prog == "cargo":
		sub, rest := shell.Subcommand(args)
		if sub == "install" && !shell.HasFlag(rest, "--locked", "--frozen") && hasPackageArgsOrSource(rest) {
			return "cargo install without --locked resolves the tool's dependencies anew, ignoring its Cargo.lock; add --locked"
		}
	case prog == "pip" || prog == "pip3" || strings.HasPrefix(prog, "python") || prog == "uv":
		if pip := pipArgs(prog, args); pip != nil && t.unpinnedPip(pip) {
			return "pip install without --require-hashes installs whatever the index serves; " +
				"install from a requirements file with --hash lines (pip-compile --generate-hashes)"
		}
	case prog == "npx" || prog == "bunx" || prog == "pnpx":
		if pkg := t.unpinnedExec(args, prog != "bunx" && shell.HasFlag(args, "-y", "--yes")); pkg != "" {
			return prog + " downloads and runs the newest " + pkg + "; pin a version (" + pkg + "@x.y.z) or add it to devDependencies"
		}
	case prog == "pnpm" || prog == "yarn":
		if sub, rest := shell.Subcommand(args); sub == "dlx" {
			if pkg := t.unpinnedExec(rest, true); pkg != "" {
				return prog + " dlx downloads and runs the newest " + pkg + "; pin a version (" + pkg + "@x.y.z)"
			}
		}
	}
	return ""
}

// hasPackageArgsOrSource reports a cargo install that names what to
// install (a crate, --git or --path); bare "cargo install" is an error.
func hasPackageArgsOrSource(args []string) bool {
	return hasPackageArgs(args) || shell.HasFlag(args, "--git", "--path")
}

// pipArgs returns the arguments after "pip install" (pip, pip3, python
// -m pip, uv pip), or nil when c is not a pip install.
func pipArgs(prog string, args []string) []string {
	switch {
	case strings.HasPrefix(prog, "python"):
		i := slices.Index(args, "-m")
		if i < 0 || i+1 >= len(args) || args[i+1] != "pip" {
			return nil
		}
		args = args[i+2:]
	case prog == "uv":
		if len(args) == 0 || args[0] != "pip" {
			return nil
		}
		args = args[1:]
	}
	if len(args) == 0 || args[0] != "install" {
		return nil
	}
	return args[1:]
}

// unpinnedPip follows Scorecard's reading of pip install (hashes
// required, only wheels, or a local editable install without
// dependencies are pinned) and adds one case pip itself honours: a
// requirements file with --hash lines turns hash checking on.
func (t *toolInstall) unpinnedPip(args []string) bool {
	if shell.HasFlag(args, "--require-hashes") {
		return false
	}
	reqs := shell.FlagValues(args, "-r", "--requirement")
	if len(reqs) > 0 && !slices.ContainsFunc(reqs, func(r string) bool { return !t.hashedRequirements(r) }) {
		return false
	}
	editable := shell.HasFlag(args, "-e", "--editable")
	if editable {
		return !shell.HasFlag(args, "--no-deps")
	}
	sawWheel, sawOther := false, false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case slices.Contains([]string{"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target"}, a):
			i++
		case strings.HasPrefix(a, "-"):
		case strings.HasSuffix(a, ".whl"):
			sawWheel = true
		default:
			sawOther = true
		}
	}
	return sawOther || len(reqs) > 0 || !sawWheel
}

var hashLine = lazyre.New(`(?m)--hash[= ]\w+:[0-9a-fA-F]{32,}`)

// hashedRequirements reports whether the requirements file (looked up at
// the scanned root and beside the app) pins hashes.
func (t *toolInstall) hashedRequirements(rel string) bool {
	if v, ok := t.hashReqs[rel]; ok {
		return v
	}
	v := false
	for _, cand := range []string{path.Clean(rel), t.p.Path(rel), t.p.Path("..", rel)} {
		if strings.HasPrefix(cand, "..") || !t.p.Exists(cand) {
			continue
		}
		if f := t.p.Read(cand); f != nil {
			v = hashLine.Match(f.Data)
			break
		}
	}
	t.hashReqs[rel] = v
	return v
}

// unpinnedExec returns the package an npx-style command fetches at its
// newest version: pkg@latest (or @next), or a bare name when the command
// downloads (mustFetch) and the app does not depend on it.
func (t *toolInstall) unpinnedExec(args []string, mustFetch bool) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-p" || a == "--package" {
			i++
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		name, ver, hasVer := splitPkgVersion(a)
		isPath := strings.HasPrefix(name, ".") || strings.ContainsAny(name, `\:`) ||
			!strings.HasPrefix(name, "@") && strings.Contains(name, "/")
		switch {
		case hasVer && (ver == "latest" || ver == "next"):
			return a
		case !hasVer && mustFetch && !isPath && !t.npmDeps[name]:
			return name
		}
		return ""
	}
	return ""
}

// splitPkgVersion splits "name@version" (scoped names included).
func splitPkgVersion(s string) (name, ver string, ok bool) {
	from := 0
	if strings.HasPrefix(s, "@") {
		from = 1
	}
	if i := strings.IndexByte(s[from:], '@'); i >= 0 {
		return s[:from+i], s[from+i+1:], true
	}
	return s, "", false
}
