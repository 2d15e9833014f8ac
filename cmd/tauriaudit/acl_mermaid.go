package main

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// writeACLMermaid draws remote origins → capabilities → high-risk
// commands as a Mermaid flowchart (GitHub renders it in a job summary),
// and nothing when no capability admits a remote web origin. Node ids are
// generated; labels are quoted with every character that Mermaid or
// Markdown could read as syntax written as an entity.
func writeACLMermaid(b *strings.Builder, v *capabilities.TargetView) {
	ids := map[string]string{}
	node := func(prefix, label string) string {
		key := prefix + "\x00" + label
		if id, ok := ids[key]; ok {
			return id
		}
		id := fmt.Sprintf("%s%d", prefix, len(ids)+1)
		ids[key] = id
		return id
	}
	var lines []string
	edge := func(fromPrefix, from, toPrefix, to string) {
		l := fmt.Sprintf("  %s[\"%s\"] --> %s[\"%s\"]", node(fromPrefix, from), mermaidLabel(from), node(toPrefix, to), mermaidLabel(to))
		for _, x := range lines {
			if x == l {
				return
			}
		}
		lines = append(lines, l)
	}
	for _, c := range v.Capabilities {
		for _, u := range c.Remote {
			if webOrigin(u) {
				edge("o", u, "c", c.Identifier)
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	for _, r := range v.HighRisk {
		if r.Remote {
			edge("c", r.Capability, "x", r.Command)
		}
	}
	b.WriteString("Remote origins → capabilities → high-risk commands:\n\n```mermaid\nflowchart LR\n")
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n```\n\n")
}

// mermaidLabel keeps letters, digits and a few harmless characters and
// writes every other one as a Mermaid entity (#60; for <), so no label
// can close its quotes, its code fence or open HTML.
func mermaidLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < ' ' || r == 0x7f:
			b.WriteString(" ")
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" .:/*-_", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}
