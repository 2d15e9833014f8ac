package tauriconfig

import (
	"encoding/json"
	"strconv"
	"strings"

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
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(name), strings.ToLower(k)); d < bestD || (d == bestD && best == "") && d <= 2 {
			best, bestD = k, d
		}
	}
	if best == "" || best == name {
		return ""
	}
	return " (did you mean `" + best + "`?)"
}

// distance is the Levenshtein distance, bounded to short keys.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
