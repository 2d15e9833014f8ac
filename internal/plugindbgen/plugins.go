package main

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// releaseTag is a plugin release tag of plugins-workspace: fs-v2.0.3,
// log-plugin-v2.0.1. Pre-releases are left out.
var releaseTag = regexp.MustCompile(`^([a-z0-9-]+?)(?:-plugin)?-v(2\.\d+\.\d+)$`)

// cargoPackage is the [package] table of a crate's Cargo.toml.
type cargoPackage struct {
	Name    string `toml:"name"`
	Version any    `toml:"version"`
	Links   string `toml:"links"`
}

// collectPluginRepo reads every tagged release of every plugin, and every
// plugin's version at the given release branches ("publish new versions"
// commits), from a plugins-workspace repository.
func collectPluginRepo(c *collector, name string, g *gitRepo, branches []string) error {
	out, err := g.run("for-each-ref", "refs/tags", "--format=%(refname:strip=2) %(objectname) %(*objectname)")
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		m := releaseTag.FindStringSubmatch(f[0])
		if m == nil || strings.HasSuffix(m[1], "-js") {
			continue
		}
		commit := f[len(f)-1] // the peeled commit of an annotated tag
		if err := collectPlugin(c, g, commit, m[1], m[2], fmt.Sprintf("%s@%s tag %s", name, commit, f[0])); err != nil {
			return err
		}
	}
	for _, b := range branches {
		commit, err := g.run("rev-parse", b+"^{commit}")
		if err != nil {
			return err
		}
		commit = strings.TrimSpace(commit)
		dirs, err := g.run("ls-tree", "--name-only", commit, "plugins/")
		if err != nil {
			return err
		}
		for _, dir := range strings.Fields(dirs) {
			if err := collectPlugin(c, g, commit, path.Base(dir), "", fmt.Sprintf("%s@%s branch %s", name, commit, b)); err != nil {
				return err
			}
		}
	}
	return nil
}

// collectPlugin builds the manifest of plugins/<dir> at commit. want,
// when set, is the version the tag names; Cargo.toml must agree.
func collectPlugin(c *collector, g *gitRepo, commit, dir, want, source string) error {
	base := "plugins/" + dir
	data, ok, err := g.read(commit, base+"/Cargo.toml")
	if err != nil || !ok {
		return err
	}
	var ct struct{ Package cargoPackage }
	if _, err := toml.Decode(string(data), &ct); err != nil {
		c.logf("skip %s: Cargo.toml: %v", source, err)
		return nil
	}
	version, _ := ct.Package.Version.(string)
	if want != "" && version != want {
		c.logf("skip %s: Cargo.toml says %s %q", source, ct.Package.Name, version)
		return nil
	}
	links := ct.Package.Links
	if links == "" {
		links = ct.Package.Name
	}
	key := manifestKey(links)
	if !c.official[key] {
		return nil
	}
	rels, err := g.files(commit, base+"/permissions")
	if err != nil {
		return err
	}
	for i := range rels {
		rels[i] = "permissions/" + rels[i]
	}
	m, err := buildManifest(rels, func(rel string) ([]byte, error) {
		data, ok, err := g.read(commit, base+"/"+rel)
		if err == nil && !ok {
			err = fmt.Errorf("%s: not a blob", rel)
		}
		return data, err
	})
	if err != nil {
		c.logf("skip %s: %v", source, err)
		return nil
	}
	c.add(key, version, m, source+" "+base+"/permissions", true)
	return nil
}

// manifestKey is tauri-build's key for a plugin's links value.
func manifestKey(links string) string {
	k := strings.ReplaceAll(strings.ToLower(links), "_", "-")
	return strings.TrimPrefix(k, "tauri-plugin-")
}
