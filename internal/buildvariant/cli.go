// Package buildvariant recognises `tauri build` command lines that merge
// extra configuration (`--config FILE`, `-c FILE`, `--config '{json}'`),
// however they are spelled: the CLI itself, `cargo tauri`, `npx tauri`,
// a package manager running the `tauri` binary or a package.json script
// that does. It only reads words; nothing is executed.
//
// The semantics follow tauri-cli (crates/tauri-cli/src/lib.rs,
// `impl FromStr for ConfigValue`): a value starting with `{` is inline
// JSON, anything else a path read relative to the directory the CLI was
// started in. Values are merged in the order given, after the base config
// and its platform file (crates/tauri-cli/src/helpers/config.rs,
// `get_internal`).
package buildvariant

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/shell"
)

// Scripts looks up a package.json script by name.
type Scripts func(name string) (string, bool)

// maxScriptDepth bounds how many package.json scripts one command may
// chain through (`npm run release` → `npm run tauri build -- -c x` →
// `tauri`), so a script that runs itself cannot loop.
const maxScriptDepth = 3

// Build is one recognised tauri build command.
type Build struct {
	// Configs are the --config values in command-line order.
	Configs []string
	// Script names the package.json script the build ran through, "" when
	// the command line runs the CLI directly.
	Script string
}

// IsInline reports whether a --config value is inline JSON rather than a
// path (tauri-cli: `config.starts_with('{')`).
func IsInline(v string) bool { return strings.HasPrefix(v, "{") }

// FindBuild reports whether words (one simple command) run `tauri build`
// (or `tauri android|ios build`), directly or through package.json
// scripts, and which --config values it passes.
func FindBuild(words []string, scripts Scripts) (Build, bool) {
	return findBuild(words, scripts, maxScriptDepth)
}

func findBuild(words []string, scripts Scripts, depth int) (Build, bool) {
	if args, ok := tauriArgs(words); ok {
		return buildConfigs(args)
	}
	name, extra, ok := scriptRun(words)
	if !ok {
		return Build{}, false
	}
	if body, found := lookup(scripts, name); found && depth > 0 {
		cmds := shell.Split(body)
		for i, c := range cmds {
			ws := c.Words
			if i == len(cmds)-1 {
				ws = append(slices.Clone(ws), extra...)
			}
			if b, ok := findBuild(ws, scripts, depth-1); ok {
				b.Script = name // the outermost script names the build
				return b, true
			}
		}
		return Build{}, false
	}
	if name == "tauri" {
		// No script of that name: the package manager runs the binary
		// from node_modules/.bin.
		return buildConfigs(extra)
	}
	return Build{}, false
}

func lookup(scripts Scripts, name string) (string, bool) {
	if scripts == nil {
		return "", false
	}
	return scripts(name)
}

// buildConfigs reads the arguments given to the tauri CLI.
func buildConfigs(args []string) (Build, bool) {
	sub, rest := positional(args)
	if sub == "android" || sub == "ios" {
		sub, rest = positional(rest)
	}
	if sub != "build" {
		return Build{}, false
	}
	if i := slices.Index(rest, "--"); i >= 0 {
		rest = rest[:i] // what follows goes to the cargo runner
	}
	return Build{Configs: shell.FlagValues(rest, "--config", "-c")}, true
}

// positional splits off the first word that is not a flag.
func positional(args []string) (string, []string) {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a, args[i+1:]
		}
	}
	return "", nil
}

// tauriArgs returns the arguments of a direct CLI run: `tauri …`,
// `cargo tauri …`, `npx [-y] tauri …`, `npx @tauri-apps/cli …`,
// `bunx`/`pnpx`/`pnpm exec`/`pnpm dlx`/`yarn dlx`/`npm exec`.
func tauriArgs(words []string) ([]string, bool) {
	c := shell.Cmd{Words: words}
	prog, i := c.Program()
	if i < 0 {
		return nil, false
	}
	args := words[i+1:]
	switch prog {
	case "tauri":
		return args, true
	case "cargo":
		sub, rest := cargoSub(args)
		return rest, sub == "tauri"
	case "npx", "bunx", "pnpx":
		return packageExec(args)
	case "npm", "pnpm", "yarn":
		if sub, rest := subcommand(args); sub == "exec" || sub == "x" || sub == "dlx" {
			return packageExec(rest)
		}
	}
	return nil, false
}

// cargoSub skips `+toolchain` and global flags before cargo's subcommand.
func cargoSub(args []string) (string, []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "+") || strings.HasPrefix(a, "-") {
			continue
		}
		return a, args[i+1:]
	}
	return "", nil
}

// packageExec reads `npx [flags] PKG args`: PKG runs the tauri CLI when
// it is `tauri` or `@tauri-apps/cli[@version]`.
func packageExec(args []string) ([]string, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-p" || a == "--package" {
			i++
			continue
		}
		if a == "--" {
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		return args[i+1:], isTauriPackage(a)
	}
	return nil, false
}

func isTauriPackage(w string) bool {
	if w == "tauri" {
		return true
	}
	name := w
	if at := strings.LastIndexByte(w, '@'); at > 0 {
		name = w[:at]
	}
	return name == "@tauri-apps/cli"
}

// scriptRun reads a package-manager script run and returns the script
// name and the words passed on to it: `npm run X -- args` (npm passes
// only what follows --), `pnpm [run] X args`, `yarn [run] X args`,
// `bun run X args`, `bun X args`, `deno task X args`.
func scriptRun(words []string) (string, []string, bool) {
	c := shell.Cmd{Words: words}
	prog, i := c.Program()
	if i < 0 {
		return "", nil, false
	}
	sub, rest := subcommand(words[i+1:])
	switch prog {
	case "npm":
		if sub != "run" && sub != "run-script" && sub != "rum" && sub != "urn" {
			return "", nil, false
		}
		name, after := positional(rest)
		return name, npmScriptArgs(after), name != ""
	case "pnpm", "yarn", "bun":
		if sub == "run" {
			sub, rest = positional(rest)
		} else if slices.Contains(managerCommands, sub) {
			return "", nil, false
		}
		return sub, dropSeparator(rest), sub != ""
	case "deno":
		if sub != "task" {
			return "", nil, false
		}
		name, after := positional(rest)
		return name, dropSeparator(after), name != ""
	}
	return "", nil, false
}

// subcommand returns the first positional word and the words after it,
// skipping the package managers' flags and their values.
func subcommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			if slices.Contains(shell.ValueFlags, args[i]) {
				i++
			}
			continue
		}
		return args[i], args[i+1:]
	}
	return "", nil
}

// npmScriptArgs is what npm (7+) passes to a script: positional words
// before "--" (npm parses the flags there itself) and every word after.
func npmScriptArgs(after []string) []string {
	var out []string
	for i, a := range after {
		if a == "--" {
			return append(out, after[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") {
			out = append(out, a)
		}
	}
	return out
}

// managerCommands are pnpm, yarn and bun built-ins that are never a
// script name.
var managerCommands = []string{"install", "i", "add", "remove", "ci", "exec", "dlx", "x", "create", "init",
	"up", "update", "upgrade", "link", "unlink", "publish", "pack", "why", "list", "ls", "audit", "outdated",
	"config", "set", "info", "cache", "workspace", "workspaces", "store", "test", "build-only", "patch", "rebuild"}

// dropSeparator removes a leading "--" that only separates the script's
// arguments from the package manager's.
func dropSeparator(args []string) []string {
	if len(args) > 0 && args[0] == "--" {
		return args[1:]
	}
	return args
}
