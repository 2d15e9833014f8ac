package tauriconfig

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/textdist"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Validate checks a whole, canonicalized config (the base file merged with
// a platform file) against the release's schema, as the Tauri CLI does
// before it builds, and returns what it rejects at the offending key or
// value. Call Canonicalize first: the schema knows canonical names only.
func (sh *Shape) Validate(cfg *source.Node) []Issue {
	v := &validator{sh: sh.shapeData}
	var issues []Issue
	for _, e := range v.check(cfg, sh.root, nil) {
		msg := e.msg
		if !e.atKey {
			msg = displayPath(e.path) + ": " + msg
		}
		issues = append(issues, Issue{Node: e.node, AtKey: e.atKey, Error: true, Msg: msg + "; tauri build rejects it"})
	}
	return issues
}

// displayPath spells an instance location the way config keys are
// written in documentation: app.windows[0].title.
func displayPath(loc []string) string {
	if len(loc) == 0 {
		return "the config"
	}
	var b strings.Builder
	for _, tok := range loc {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

// toValue converts a config node to the plain values the validator reads.
func toValue(n *source.Node) any {
	switch n.Kind {
	case source.Object:
		m := make(map[string]any, len(n.Members()))
		for _, mem := range n.Members() {
			m[mem.Name] = toValue(mem.Value)
		}
		return m
	case source.Array:
		a := make([]any, 0, len(n.Items()))
		for _, it := range n.Items() {
			a = append(a, toValue(it))
		}
		return a
	case source.String:
		s, _ := n.Str()
		return s
	case source.Bool:
		b, _ := n.Bool()
		return b
	case source.Number:
		lit, _ := n.Number()
		if json.Valid([]byte(lit)) {
			return json.Number(lit)
		}
		f, _ := n.Float()
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return nil
}

// suggest names the closest known key when one is a likely typo.
func suggest(name string, known []string) string {
	best, bestD := "", 3                          // at most two edits away
	sorted := slices.Sorted(slices.Values(known)) // ties go to the first in order
	for _, k := range sorted {
		if d := textdist.Edit(strings.ToLower(name), strings.ToLower(k), 2); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" || best == name {
		return ""
	}
	return " (did you mean `" + best + "`?)"
}
