package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// aclChange is one difference between two resolved ACLs.
type aclChange struct {
	App      string `json:"app"`
	Platform string `json:"platform"`
	Command  string `json:"command"`
	// Change is "reachable" (newly allowed), "unreachable" (no longer
	// allowed) or "changed" (still allowed, with different access).
	Change  string   `json:"change"`
	Added   []string `json:"added,omitempty"` // e.g. "origin https://*", "window *", "scope allow {...}"
	Removed []string `json:"removed,omitempty"`
	Origins []string `json:"origins,omitempty"` // current origins of a reachable command
}

func diffACL(old, cur *aclDoc) []aclChange {
	oldApps := map[string]*aclApp{}
	for _, a := range old.Apps {
		oldApps[a.Path] = a
	}
	var out []aclChange
	for _, app := range cur.Apps {
		before := oldApps[app.Path]
		for _, pf := range app.order {
			var prev *capabilities.TargetView
			if before != nil {
				prev = before.Platforms[pf]
			}
			out = append(out, diffTarget(app.Path, pf, prev, app.Platforms[pf])...)
		}
	}
	return out
}

func diffTarget(app, pf string, old, cur *capabilities.TargetView) []aclChange {
	oldCmds := commandMap(old)
	curCmds := commandMap(cur)
	names := map[string]bool{}
	for c := range oldCmds {
		names[c] = true
	}
	for c := range curCmds {
		names[c] = true
	}
	var out []aclChange
	for _, name := range sortedSet(names) {
		o, c := oldCmds[name], curCmds[name]
		ch := aclChange{App: app, Platform: pf, Command: name}
		switch {
		case c != nil && (o == nil || !o.Allowed) && c.Allowed:
			ch.Change, ch.Origins = "reachable", c.Origins
		case o != nil && o.Allowed && (c == nil || !c.Allowed):
			ch.Change = "unreachable"
		case o != nil && c != nil && o.Allowed && c.Allowed:
			ch.Added, ch.Removed = accessDelta(o, c)
			if len(ch.Added)+len(ch.Removed) == 0 {
				continue
			}
			ch.Change = "changed"
		default:
			continue
		}
		out = append(out, ch)
	}
	return out
}

// accessFacts lists what a command view grants as comparable strings.
func accessFacts(c *capabilities.CommandView) []string {
	var f []string
	for _, o := range c.Origins {
		f = append(f, "origin "+o)
	}
	for _, w := range c.Windows {
		f = append(f, "window "+w)
	}
	for _, w := range c.Webviews {
		f = append(f, "webview "+w)
	}
	for _, s := range c.Scopes.Allow {
		f = append(f, "scope allow "+compactJSON(s))
	}
	for _, s := range c.Scopes.Deny {
		f = append(f, "scope deny "+compactJSON(s))
	}
	return f
}

func accessDelta(o, c *capabilities.CommandView) (added, removed []string) {
	of, cf := accessFacts(o), accessFacts(c)
	for _, x := range cf {
		if !slices.Contains(of, x) {
			added = append(added, x)
		}
	}
	for _, x := range of {
		if !slices.Contains(cf, x) {
			removed = append(removed, x)
		}
	}
	return added, removed
}

func commandMap(v *capabilities.TargetView) map[string]*capabilities.CommandView {
	m := map[string]*capabilities.CommandView{}
	if v == nil {
		return m
	}
	for i := range v.Commands {
		m[v.Commands[i].Command] = &v.Commands[i]
	}
	return m
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mergedChanges folds identical changes of several platforms into one.
type mergedChange struct {
	aclChange
	Platforms []string
}

func mergeChanges(cs []aclChange) []mergedChange {
	var out []mergedChange
	index := map[string]int{}
	for _, c := range cs {
		key := c.App + "\x00" + c.Command + "\x00" + c.Change + "\x00" + strings.Join(c.Added, "\x01") + "\x00" + strings.Join(c.Removed, "\x01")
		if i, ok := index[key]; ok {
			out[i].Platforms = append(out[i].Platforms, c.Platform)
			continue
		}
		index[key] = len(out)
		out = append(out, mergedChange{aclChange: c, Platforms: []string{c.Platform}})
	}
	return out
}

func writeDiff(w io.Writer, format, ref string, cs []aclChange) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if cs == nil {
			cs = []aclChange{}
		}
		return enc.Encode(struct {
			Schema  string      `json:"schema"`
			Base    string      `json:"base"`
			Changes []aclChange `json:"changes"`
		}{"tauriaudit-acl-diff/v1", ref, cs})
	}
	var b strings.Builder
	md := format == "markdown"
	if md {
		fmt.Fprintf(&b, "## ACL changes since `%s`\n\n", ref)
	}
	merged := mergeChanges(cs)
	if len(merged) == 0 {
		fmt.Fprintf(&b, "no ACL changes since %s\n", ref)
	}
	for _, c := range merged {
		sign := map[string]string{"reachable": "+", "unreachable": "-", "changed": "~"}[c.Change]
		line := fmt.Sprintf("%s %s %s [%s] %s", sign, c.App, c.Command, strings.Join(c.Platforms, ", "), c.Change)
		if len(c.Origins) > 0 {
			line += " from " + strings.Join(c.Origins, ", ")
		}
		for _, a := range c.Added {
			line += "; +" + a
		}
		for _, r := range c.Removed {
			line += "; -" + r
		}
		if md {
			line = "- `" + sign + "` " + mdCell(strings.TrimPrefix(line, sign+" "))
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
