package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/mod/semver"
)

// tauriTag is a tauri crate release tag.
var tauriTag = regexp.MustCompile(`^tauri-v(2\.\d+\.\d+)$`)

// collectTauriRepo reads the core permissions of every tauri release in a
// tauri repository: at its tauri-v2.x.y tags, or, in a snapshot without
// tags, at the first commit whose crates/tauri/Cargo.toml shows each
// release version (the "apply version updates" commits).
func collectTauriRepo(c *collector, name string, g *gitRepo) error {
	releases, err := tauriReleases(g)
	if err != nil {
		return err
	}
	for _, v := range sortedKeys(releases) {
		commit := releases[v]
		src, ok, err := g.read(commit, "crates/tauri/build.rs")
		if err != nil || !ok {
			return err
		}
		modules, err := parsePlugins(string(src))
		if err != nil {
			c.logf("skip %s@%s tauri %s: %v", name, commit, v, err)
			continue
		}
		source := fmt.Sprintf("%s@%s tauri %s crates/tauri/build.rs", name, commit, v)
		for key, m := range coreManifests(modules, newStyle(string(src))) {
			c.add(key, v, m, source, true)
		}
	}
	return nil
}

// tauriReleases maps each release version to its commit.
func tauriReleases(g *gitRepo) (map[string]string, error) {
	out := map[string]string{}
	refs, err := g.run("for-each-ref", "refs/tags", "--format=%(refname:strip=2) %(objectname) %(*objectname)")
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSpace(refs), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if m := tauriTag.FindStringSubmatch(f[0]); m != nil {
			out[m[1]] = f[len(f)-1]
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	log, err := g.run("log", "--reverse", "--format=%H", "HEAD", "--", "crates/tauri/Cargo.toml")
	if err != nil {
		return nil, err
	}
	for _, commit := range strings.Fields(log) {
		data, ok, err := g.read(commit, "crates/tauri/Cargo.toml")
		if err != nil {
			return nil, err
		}
		var ct struct{ Package cargoPackage }
		if !ok || toml.Unmarshal(data, &ct) != nil {
			continue
		}
		v, _ := ct.Package.Version.(string)
		if _, seen := out[v]; !seen && semver.IsValid("v"+v) && semver.Prerelease("v"+v) == "" && semver.Major("v"+v) == "v2" {
			out[v] = commit
		}
	}
	return out, nil
}

// coreModule is one entry of build.rs' PLUGINS: a core plugin's commands
// and whether each is in its default set.
type coreModule struct {
	name     string
	commands []string
	defaults []bool
}

var (
	pluginsConst = regexp.MustCompile(`(?s)const PLUGINS: [^=]*= &\[(.*?)\n\];`)
	lineComment  = regexp.MustCompile(`//[^\n]*`)
	pluginsToken = regexp.MustCompile(`\(\s*"(core:[a-z-]+)"\s*,\s*&\[|\(\s*"([a-z_]+)"\s*,\s*(true|false)\s*\)`)
)

// parsePlugins reads the PLUGINS table of crates/tauri/build.rs.
func parsePlugins(src string) ([]coreModule, error) {
	m := pluginsConst.FindStringSubmatch(src)
	if m == nil {
		return nil, fmt.Errorf("no PLUGINS table")
	}
	var out []coreModule
	for _, t := range pluginsToken.FindAllStringSubmatch(lineComment.ReplaceAllString(m[1], ""), -1) {
		switch {
		case t[1] != "":
			out = append(out, coreModule{name: t[1]})
		case len(out) == 0:
			return nil, fmt.Errorf("command %q before any plugin", t[2])
		default:
			mod := &out[len(out)-1]
			mod.commands = append(mod.commands, t[2])
			mod.defaults = append(mod.defaults, t[3] == "true")
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty PLUGINS table")
	}
	return out, nil
}

// descriptionStyle is how a build.rs words the default sets' descriptions,
// which changed between releases.
type descriptionStyle struct {
	allCommandsSuffix bool // "..., which enables all commands."
	coreListsModules  bool // "Default core plugins set which includes:\n- '...'"
}

func newStyle(buildRS string) descriptionStyle {
	return descriptionStyle{
		allCommandsSuffix: strings.Contains(buildRS, "which enables all commands"),
		coreListsModules:  strings.Contains(buildRS, "Default core plugins set which includes:"),
	}
}

// coreManifests builds what tauri's build.rs generates: per module an
// allow-/deny- pair per command and a default set of the default-enabled
// commands, and "core" holding only core:default.
func coreManifests(modules []coreModule, style descriptionStyle) map[string]*manifest {
	out := map[string]*manifest{}
	var all []any
	for _, mod := range modules {
		m := newManifest()
		var defaults []any
		for i, cmd := range mod.commands {
			slug := strings.ReplaceAll(cmd, "_", "-")
			m.Permissions["allow-"+slug] = canon(map[string]any{"identifier": "allow-" + slug,
				"description": "Enables the " + cmd + " command without any pre-configured scope.",
				"commands":    map[string]any{"allow": []any{cmd}, "deny": []any{}}})
			m.Permissions["deny-"+slug] = canon(map[string]any{"identifier": "deny-" + slug,
				"description": "Denies the " + cmd + " command without any pre-configured scope.",
				"commands":    map[string]any{"allow": []any{}, "deny": []any{cmd}}})
			if mod.defaults[i] {
				defaults = append(defaults, "allow-"+slug)
			}
		}
		desc := "Default permissions for the plugin."
		if style.allCommandsSuffix && len(defaults) == len(mod.commands) {
			desc = "Default permissions for the plugin, which enables all commands."
		}
		m.Default = canon(map[string]any{"identifier": "default", "description": desc, "permissions": list(defaults)})
		out[mod.name] = m
		all = append(all, mod.name+":default")
	}
	desc := "Default core plugins set."
	if style.coreListsModules {
		desc = "Default core plugins set which includes:\n"
		for _, d := range all {
			desc += "- '" + d.(string) + "'\n"
		}
	}
	core := newManifest()
	core.Default = canon(map[string]any{"identifier": "default", "description": desc, "permissions": all})
	out["core"] = core
	return out
}
