package tauriconfig

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

var printer = message.NewPrinter(language.English)

// Validate checks a whole, canonicalized config (the base file merged with
// a platform file) against the release's schema, as the Tauri CLI does
// before it builds, and returns what it rejects at the offending key or
// value. Call Canonicalize first: the schema knows canonical names only.
func (sh *Shape) Validate(cfg *source.Node) ([]Issue, error) {
	sch, err := sh.schema()
	if err != nil {
		return nil, err
	}
	verr := sch.Validate(toValue(cfg))
	var ve *jsonschema.ValidationError
	if verr == nil || !errors.As(verr, &ve) {
		return nil, verr
	}
	var issues []Issue
	for _, leaf := range leaves(ve) {
		issues = append(issues, sh.issueFor(cfg, leaf)...)
	}
	return issues, nil
}

// leaves returns the errors worth reporting: the leaves of the error tree,
// and for a value that matches none of several forms (an untagged enum),
// only the form it came closest to (the one whose errors lie deepest).
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		var best []*jsonschema.ValidationError
		bestDepth := -1
		for _, c := range e.Causes {
			ls := leaves(c)
			if d := maxDepth(ls); d > bestDepth {
				best, bestDepth = ls, d
			}
		}
		return best
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func maxDepth(es []*jsonschema.ValidationError) int {
	d := 0
	for _, e := range es {
		d = max(d, len(e.InstanceLocation))
	}
	return d
}

func (sh *Shape) issueFor(cfg *source.Node, e *jsonschema.ValidationError) []Issue {
	n := at(cfg, e.InstanceLocation)
	if n == nil {
		n = cfg
	}
	where := displayPath(e.InstanceLocation)
	if ap, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
		declared := sh.declared(e)
		var out []Issue
		for _, name := range ap.Properties {
			out = append(out, Issue{Node: n.Get(name), AtKey: true, Error: true,
				Msg: "unknown field `" + name + "` in " + where + suggest(name, declared) + "; tauri build rejects it"})
		}
		return out
	}
	return []Issue{{Node: n, Error: true, Msg: where + ": " + e.ErrorKind.LocalizedString(printer) + "; tauri build rejects it"}}
}

// declared lists the property names of the schema an error was raised by.
func (sh *Shape) declared(e *jsonschema.ValidationError) []string {
	i := strings.Index(e.SchemaURL, "#")
	if i < 0 {
		return nil
	}
	ptr := strings.TrimSuffix(e.SchemaURL[i+1:], "/additionalProperties")
	var cur any = sh.root
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = source.UnescapePointer(tok)
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			k, err := strconv.Atoi(tok)
			if err != nil || k < 0 || k >= len(c) {
				return nil
			}
			cur = c[k]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	return out
}

// at follows an instance location through the config.
func at(n *source.Node, loc []string) *source.Node {
	for _, tok := range loc {
		switch n.Kind {
		case source.Object:
			n = n.Get(tok)
		case source.Array:
			i, err := strconv.Atoi(tok)
			if err != nil {
				return nil
			}
			n = n.Index(i)
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
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
