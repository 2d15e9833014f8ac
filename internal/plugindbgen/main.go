// Command plugindbgen builds the embedded permission database of
// capabilities/plugindb from stored snapshots of public repositories:
// plugins-workspace release tags and branches (each plugin's
// permissions/** turned into the manifest tauri-build would write) and
// apps' committed gen/schemas/acl-manifests.json paired with the
// Cargo.lock of the same commit (plugin and tauri core manifests of
// later releases). The inputs are listed in capabilities/plugindb/sources.txt.
//
// Regenerate (from the repository root, with each listed repository as a
// bare git directory at MIRRORS/<owner>+<name>/repo):
//
//	go run ./internal/plugindbgen -mirrors MIRRORS
//
// The output is deterministic: the same inputs give the same files.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	sources := flag.String("sources", "capabilities/plugindb/sources.txt", "input list")
	mirrors := flag.String("mirrors", "", "folder holding <owner>+<name>/repo git directories")
	out := flag.String("out", "capabilities/plugindb", "output folder (data.json.gz and NOTICE.md)")
	verbose := flag.Bool("v", false, "print skipped inputs and conflicts")
	explain := flag.String("explain", "", "print how the manifests of `KEY@VERSION` differ")
	flag.Parse()
	if *mirrors == "" {
		fmt.Fprintln(os.Stderr, "plugindbgen: -mirrors is required")
		os.Exit(2)
	}
	c := newCollector()
	repos, err := collectAll(c, *sources, *mirrors)
	if err != nil {
		fmt.Fprintln(os.Stderr, "plugindbgen:", err)
		os.Exit(1)
	}
	if err := write(c, repos, *out); err != nil {
		fmt.Fprintln(os.Stderr, "plugindbgen:", err)
		os.Exit(1)
	}
	summarize(c, *verbose)
	if r := c.releases[*explain]; r != nil {
		explainVariants(r)
	}
}

// explainVariants prints what differs between a release's first two
// manifests, for reviewing a mismatch.
func explainVariants(r *release) {
	if len(r.variants) < 2 {
		fmt.Println(r.key, r.version, "has one manifest")
		return
	}
	a, b := r.variants[0], r.variants[1]
	fmt.Printf("A: %s\nB: %s\n", a.sources[0], b.sources[0])
	if !bytes.Equal(a.m.Default, b.m.Default) {
		fmt.Printf("default:\n  A %s\n  B %s\n", a.m.Default, b.m.Default)
	}
	for _, pair := range [][2]map[string]json.RawMessage{{a.m.Permissions, b.m.Permissions}, {a.m.Sets, b.m.Sets}} {
		for _, id := range sortedKeys(pair[0]) {
			if !bytes.Equal(pair[0][id], pair[1][id]) {
				fmt.Printf("%s:\n  A %s\n  B %s\n", id, pair[0][id], pair[1][id])
			}
		}
		for _, id := range sortedKeys(pair[1]) {
			if pair[0][id] == nil {
				fmt.Printf("%s: only in B %s\n", id, pair[1][id])
			}
		}
	}
}

// collectAll runs every line of the sources file and returns the
// repositories read, with their commits, for the notice.
func collectAll(c *collector, sources, mirrors string) ([]string, error) {
	f, err := os.Open(sources)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var repos []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if fields[0] == "official" {
			for _, k := range fields[1:] {
				c.official[k] = true
			}
			continue
		}
		if len(fields) < 3 {
			return nil, fmt.Errorf("%s: bad line %q", sources, sc.Text())
		}
		kind, name, licence := fields[0], fields[1], fields[2]
		g, err := openGit(filepath.Join(mirrors, strings.ReplaceAll(name, "/", "+"), "repo"))
		if err != nil {
			return nil, err
		}
		head, _ := g.run("rev-parse", "HEAD")
		repos = append(repos, fmt.Sprintf("%s (%s), snapshot %s", name, licence, strings.TrimSpace(head)))
		switch kind {
		case "plugins":
			err = collectPluginRepo(c, name, g, fields[3:])
		case "tauri":
			err = collectTauriRepo(c, name, g)
		case "app":
			for _, p := range fields[3:] {
				if err = collectAppRepo(c, name, g, p); err != nil {
					break
				}
			}
		default:
			err = fmt.Errorf("%s: unknown kind %q", sources, kind)
		}
		g.close()
		if err != nil {
			return nil, err
		}
	}
	return repos, sc.Err()
}

func summarize(c *collector, verbose bool) {
	keys := map[string]int{}
	for _, r := range c.releases {
		keys[r.key]++
	}
	fmt.Printf("%d releases of %d keys\n", len(c.releases), len(keys))
	both, agree, bad := c.verification()
	fmt.Printf("built from plugin sources and committed by apps: %d releases, %d identical\n", both, agree)
	for _, b := range bad {
		fmt.Println("  differs:", b)
	}
	for _, r := range c.sortedReleases() {
		if len(r.variants) > 1 {
			fmt.Printf("conflict %s@%s: %d variants\n", r.key, r.version, len(r.variants))
			if verbose {
				for _, v := range r.variants {
					fmt.Printf("    %d sources, from plugin files %v, first %s\n", len(v.sources), v.fromSource, v.sources[0])
				}
			}
		}
	}
	if verbose {
		for _, l := range c.log {
			fmt.Println(l)
		}
	}
}
