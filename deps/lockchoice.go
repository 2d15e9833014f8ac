package deps

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/shell"
)

// LockChoice says which of several JS lockfiles in one folder the project
// installs from; the others are stale and their advisories do not apply.
type LockChoice struct {
	Installed string   // root-relative path
	Stale     []string // the other lockfiles of the folder
	Reason    string   // why: "packageManager pnpm@9.1.0", "CI runs pnpm install --frozen-lockfile", …
}

// lockManager names the package manager that writes a lockfile.
func lockManager(rel string) string {
	switch path.Base(rel) {
	case "package-lock.json", "npm-shrinkwrap.json":
		return "npm"
	case "pnpm-lock.yaml":
		return "pnpm"
	case "yarn.lock":
		return "yarn"
	case "bun.lock", "bun.lockb":
		return "bun"
	case "deno.lock":
		return "deno"
	}
	return ""
}

// ChooseJSLock decides, when paths (the lockfiles of one folder) come from
// more than one package manager, which one installs use: the
// package.json packageManager field, then devEngines.packageManager, then
// the install commands of the workflows, then the lockfile that locks the
// most of package.json's dependencies. Nil when there is one manager or
// nothing decides.
func ChooseJSLock(paths []string, pj *PackageJSON, workflows []*Workflow, parsed func(rel string) *Lockfile) *LockChoice {
	managers := map[string]bool{}
	for _, p := range paths {
		managers[lockManager(p)] = true
	}
	if len(managers) < 2 {
		return nil
	}
	pick := func(manager, reason string) *LockChoice {
		c := &LockChoice{Reason: reason}
		for _, p := range paths {
			if lockManager(p) == manager {
				if c.Installed == "" {
					c.Installed = p
				}
				continue
			}
			c.Stale = append(c.Stale, p)
		}
		if c.Installed == "" {
			return nil
		}
		return c
	}
	if m, field := declaredManager(pj); m != "" && managers[m] {
		return pick(m, field)
	}
	if m, cmd := ciManager(workflows, managers); m != "" {
		return pick(m, "CI runs "+cmd)
	}
	if best := mostConsistent(paths, pj, parsed); best != "" {
		return pick(lockManager(best), "it locks the most of package.json's dependencies")
	}
	return nil
}

// declaredManager reads packageManager ("pnpm@9.1.0+sha…") and
// devEngines.packageManager ({name} or a list of them).
func declaredManager(pj *PackageJSON) (string, string) {
	if pj == nil {
		return "", ""
	}
	if pm := pj.PackageManager; pm != "" {
		name, _, _ := strings.Cut(pm, "@")
		version, _, _ := strings.Cut(strings.TrimPrefix(pm, name), "+")
		return name, "packageManager " + name + version
	}
	de := pj.Root.Get("devEngines").Get("packageManager")
	if first := de.Index(0); first != nil {
		de = first
	}
	if name := de.Get("name").String(); name != "" {
		return name, "devEngines.packageManager " + name
	}
	return "", ""
}

// ciManager finds the package manager the workflows install with: the
// only one, or else the only one installing from a frozen lockfile.
func ciManager(workflows []*Workflow, present map[string]bool) (string, string) {
	seen := map[string]string{}
	frozen := map[string]string{}
	for _, w := range workflows {
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				if s.Run == nil {
					continue
				}
				for _, l := range s.Run.Lines {
					for _, c := range shell.Split(l.Text) {
						m, isFrozen, ok := installCommand(c)
						if !ok || !present[m] {
							continue
						}
						text := strings.Join(c.Words, " ")
						if _, dup := seen[m]; !dup {
							seen[m] = text
						}
						if _, dup := frozen[m]; isFrozen && !dup {
							frozen[m] = text
						}
					}
				}
			}
		}
	}
	for _, set := range []map[string]string{seen, frozen} {
		if len(set) == 1 {
			for m, text := range set {
				return m, text
			}
		}
	}
	return "", ""
}

// installCommand recognises `npm ci|install`, `pnpm|yarn|bun install`,
// bare `yarn`, and whether it installs exactly what the lockfile says.
func installCommand(c shell.Cmd) (manager string, frozen, ok bool) {
	prog, i := c.Program()
	args := c.Words[i+1:]
	sub, _ := shell.Subcommand(args)
	switch prog {
	case "npm":
		return "npm", sub == "ci", sub == "ci" || sub == "install" || sub == "i"
	case "pnpm", "bun", "yarn":
		if sub == "install" || sub == "i" || prog == "yarn" && sub == "" {
			return prog, shell.HasFlag(args, "--frozen-lockfile", "--immutable"), true
		}
	}
	return "", false, false
}

// mostConsistent returns the lockfile that locks the most of
// package.json's dependencies, or "" on a tie or when none is parsed.
func mostConsistent(paths []string, pj *PackageJSON, parsed func(string) *Lockfile) string {
	if pj == nil || parsed == nil {
		return ""
	}
	var names []string
	for _, d := range pj.Deps {
		if d.Selector == "" && !slices.Contains(names, d.Name) {
			names = append(names, d.Name)
		}
	}
	best, bestN, tie := "", -1, false
	for _, p := range paths {
		lk := parsed(p)
		if lk == nil {
			continue
		}
		n := 0
		for _, name := range names {
			if len(lk.Packages(name)) > 0 {
				n++
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = p, n, false
		case n == bestN:
			tie = true
		}
	}
	if tie || bestN <= 0 {
		return ""
	}
	return best
}

// String describes the choice for messages.
func (c *LockChoice) String() string {
	return fmt.Sprintf("installs use %s (%s)", c.Installed, c.Reason)
}
