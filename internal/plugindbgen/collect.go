package main

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/semver"
)

// collector gathers manifests by (key, version) from every source.
type collector struct {
	official map[string]bool
	releases map[string]*release // "key@version"
	empty    map[string]bool     // official keys with a release of no permissions
	log      []string            // conflicts and skips, for the run's summary
}

// release is one (key, version) with the distinct manifests seen for it.
type release struct {
	key, version string
	variants     []*variant
}

// variant is one manifest content and where it was seen. fromSource
// marks manifests built from the plugin's own permission files.
type variant struct {
	m          *manifest
	sources    []string
	fromSource bool
}

func newCollector() *collector {
	return &collector{official: map[string]bool{}, releases: map[string]*release{}, empty: map[string]bool{}}
}

func (c *collector) logf(format string, args ...any) {
	c.log = append(c.log, fmt.Sprintf(format, args...))
}

// add records manifest m of key at version, seen at source.
func (c *collector) add(key, version string, m *manifest, source string, fromSource bool) {
	// Only releases: pre-release manifests are not kept.
	if !semver.IsValid("v"+version) || semver.Prerelease("v"+version) != "" {
		return
	}
	if m.empty() {
		if fromSource {
			c.empty[key] = true
		}
		return
	}
	id := key + "@" + version
	r := c.releases[id]
	if r == nil {
		r = &release{key: key, version: version}
		c.releases[id] = r
	}
	for _, v := range r.variants {
		if v.m.sameACL(m) {
			v.sources = append(v.sources, source)
			v.fromSource = v.fromSource || fromSource
			if v.m.Schema == nil {
				v.m.Schema = m.Schema
			}
			return
		}
	}
	r.variants = append(r.variants, &variant{m: m, sources: []string{source}, fromSource: fromSource})
}

// chosen is the variant a release keeps: one built from the plugin's own
// files, else the one most sources agree on (the first seen on a tie).
func (r *release) chosen() *variant {
	best := r.variants[0]
	for _, v := range r.variants[1:] {
		if (v.fromSource && !best.fromSource) || (v.fromSource == best.fromSource && len(v.sources) > len(best.sources)) {
			best = v
		}
	}
	return best
}

// sortedReleases returns the releases by key, then ascending version.
func (c *collector) sortedReleases() []*release {
	var out []*release
	for _, r := range c.releases {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *release) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return semver.Compare("v"+a.version, "v"+b.version)
	})
	return out
}

// verification counts releases that have both a manifest built from the
// plugin's files and one an app committed, and how many of those agree.
func (c *collector) verification() (both, agree int, mismatched []string) {
	for _, r := range c.sortedReleases() {
		var src, app bool
		for _, v := range r.variants {
			src = src || v.fromSource
			app = app || hasAppSource(v)
		}
		if !src || !app {
			continue
		}
		both++
		if len(r.variants) == 1 {
			agree++
		} else {
			mismatched = append(mismatched, r.key+"@"+r.version)
		}
	}
	return both, agree, mismatched
}

func hasAppSource(v *variant) bool {
	return slices.ContainsFunc(v.sources, func(s string) bool { return strings.Contains(s, "acl-manifests.json") })
}
