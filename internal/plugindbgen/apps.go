package main

import (
	"fmt"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
)

// cargoLock is the part of a Cargo.lock the pairing needs.
type cargoLock struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
		Source  string `toml:"source"`
	} `toml:"package"`
}

// registryVersion returns the single crates.io version of crate in the
// lock; ok is false when it is absent, locked twice, or from elsewhere
// (a git or path dependency may carry other permissions).
func (l *cargoLock) registryVersion(crate string) (string, bool) {
	version := ""
	for _, p := range l.Package {
		if p.Name != crate {
			continue
		}
		if !strings.Contains(p.Source, "crates.io-index") && !strings.Contains(p.Source, "index.crates.io") {
			return "", false
		}
		if version != "" && version != p.Version {
			return "", false
		}
		version = p.Version
	}
	return version, version != ""
}

// collectAppRepo reads every committed version of an app's
// acl-manifests.json on the default branch and keys each official
// plugin's and tauri core's entries by the versions in the Cargo.lock of
// the same commit.
func collectAppRepo(c *collector, name string, g *gitRepo, manifestPath string) error {
	out, err := g.run("log", "--format=%H", "HEAD", "--", manifestPath)
	if err != nil {
		return err
	}
	for _, commit := range strings.Fields(out) {
		data, ok, err := g.read(commit, manifestPath)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		lock, lockPath, err := nearestLock(g, commit, manifestPath)
		if err != nil {
			return err
		}
		if lock == nil {
			c.logf("skip %s@%s: no Cargo.lock", name, commit)
			continue
		}
		ms, err := committedManifests(data)
		if err != nil {
			c.logf("skip %s@%s: %v", name, commit, err)
			continue
		}
		source := fmt.Sprintf("%s@%s %s with %s", name, commit, manifestPath, lockPath)
		for _, key := range sortedKeys(ms) {
			crate := "tauri-plugin-" + key
			if key == "core" || strings.HasPrefix(key, "core:") {
				crate = "tauri"
			} else if !c.official[key] {
				continue
			}
			if v, ok := lock.registryVersion(crate); ok {
				c.add(key, v, ms[key], source, false)
			}
		}
	}
	return nil
}

// nearestLock finds the Cargo.lock at commit in the app directory (the
// parent of gen/schemas) or the closest folder above it.
func nearestLock(g *gitRepo, commit, manifestPath string) (*cargoLock, string, error) {
	dir := path.Dir(path.Dir(path.Dir(manifestPath)))
	for {
		p := path.Join(dir, "Cargo.lock")
		data, ok, err := g.read(commit, p)
		if err != nil {
			return nil, "", err
		}
		if ok {
			var l cargoLock
			if _, err := toml.Decode(string(data), &l); err != nil {
				return nil, "", nil
			}
			return &l, p, nil
		}
		if dir == "." || dir == "/" || dir == "" {
			return nil, "", nil
		}
		dir = path.Dir(dir)
	}
}
