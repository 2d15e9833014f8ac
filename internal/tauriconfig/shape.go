package tauriconfig

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Shape is the config shape of one tauri release.
type Shape struct {
	Choice Choice
	*shapeData
}

// shapeData is shared by every Shape of one schema and alias table.
type shapeData struct {
	root    map[string]any
	defs    map[string]any
	aliases map[string]map[string]string // Rust type -> alias -> canonical
	raw     json.RawMessage              // the schema as stored, for the tests' oracle
}

func newShape(raw json.RawMessage, aliases map[string]map[string]string) (*shapeData, error) {
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	defs, _ := root["definitions"].(map[string]any)
	return &shapeData{root: root, defs: defs, aliases: aliases, raw: raw}, nil
}

// Issue is a place where Tauri would read the config differently from how
// it is written: a key it rejects, ignores, or sees twice.
type Issue struct {
	Node  *source.Node // the offending value (its key when AtKey)
	AtKey bool
	Error bool // tauri build fails; otherwise Tauri ignores the key
	Msg   string
}

// Location is where the issue is reported.
func (i Issue) Location() source.Location {
	if i.AtKey {
		return i.Node.KeyLocation()
	}
	return i.Node.Location()
}

// candidate is one schema an object or array may be read with, and the
// Rust type it was generated from ("" when inline).
type candidate struct {
	schema map[string]any
	typ    string
}

// expand resolves $ref and the anyOf/oneOf/allOf alternatives of s into
// the plain schemas a value may be checked against.
func (sh *shapeData) expand(s map[string]any, typ string, depth int) []candidate {
	if s == nil || depth > 16 {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/definitions/")
		d, _ := sh.defs[name].(map[string]any)
		return sh.expand(d, name, depth+1)
	}
	out := []candidate{{s, typ}}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		alts, _ := s[k].([]any)
		for _, a := range alts {
			if m, ok := a.(map[string]any); ok {
				out = append(out, sh.expand(m, typ, depth+1)...)
			}
		}
	}
	return out
}

// Canonicalize renames, in place, every key of cfg (a whole config, or a
// platform file) that Tauri accepts under an alias to the name Tauri's
// structs give it, so that every reader looks keys up one way. It returns
// the places where Tauri would see one field twice (a key and its alias).
func (sh *Shape) Canonicalize(cfg *source.Node) []Issue {
	var issues []Issue
	sh.canon(cfg, sh.expand(sh.root, "Config", 0), &issues, 0)
	return issues
}

func (sh *shapeData) canon(n *source.Node, cands []candidate, issues *[]Issue, depth int) {
	if n == nil || len(cands) == 0 || depth > 64 {
		return
	}
	switch n.Kind {
	case source.Object:
		known := knownKeys(cands)
		aliases := sh.aliasesFor(cands, known)
		for _, m := range n.Members() {
			canonical, ok := aliases[m.Name]
			if !ok {
				continue
			}
			if n.Get(canonical) != nil {
				*issues = append(*issues, Issue{Node: m.Value, AtKey: true, Error: true,
					Msg: "duplicate field: `" + m.Name + "` is Tauri's alias of `" + canonical + "`, which is also set; tauri build fails"})
			}
			m.Name = canonical
		}
		if ignoresUnknown(cands) {
			for _, m := range n.Members() {
				if !slices.Contains(known, m.Name) {
					*issues = append(*issues, Issue{Node: m.Value, AtKey: true,
						Msg: "Tauri ignores `" + m.Name + "` here" + suggest(m.Name, known) + "; the setting is not applied"})
				}
			}
		}
		for _, m := range n.Members() {
			sh.canon(m.Value, sh.memberCandidates(cands, m.Name), issues, depth+1)
		}
	case source.Array:
		var items []candidate
		for _, c := range cands {
			if it, ok := c.schema["items"].(map[string]any); ok {
				items = append(items, sh.expand(it, "", 0)...)
			}
		}
		for _, it := range n.Items() {
			sh.canon(it, items, issues, depth+1)
		}
	}
}

// aliasesFor is the alias table of the Rust types among cands, keeping
// only aliases whose canonical name the schema declares there (a table
// older than the schema must not rename a key to one Tauri dropped).
func (sh *shapeData) aliasesFor(cands []candidate, known []string) map[string]string {
	out := map[string]string{}
	for _, c := range cands {
		for a, canonical := range sh.aliases[c.typ] {
			if a != canonical && slices.Contains(known, canonical) && !slices.Contains(known, a) {
				out[a] = canonical
			}
		}
	}
	return out
}

// ignoresUnknown reports an object Tauri reads without rejecting unknown
// keys: every schema it may match declares properties and none says
// additionalProperties (serde without deny_unknown_fields).
func ignoresUnknown(cands []candidate) bool {
	objects := 0
	for _, c := range cands {
		if _, ok := c.schema["additionalProperties"]; ok {
			return false
		}
		if _, ok := c.schema["properties"]; ok {
			objects++
		}
	}
	return objects > 0
}

// memberCandidates is the schemas member name may be read with.
func (sh *shapeData) memberCandidates(cands []candidate, name string) []candidate {
	var out []candidate
	for _, c := range cands {
		if props, ok := c.schema["properties"].(map[string]any); ok {
			if p, ok := props[name].(map[string]any); ok {
				out = append(out, sh.expand(p, "", 0)...)
				continue
			}
		}
		if ap, ok := c.schema["additionalProperties"].(map[string]any); ok {
			out = append(out, sh.expand(ap, "", 0)...)
		}
	}
	return out
}

// knownKeys lists the member names the object schemas among cands declare.
func knownKeys(cands []candidate) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		props, _ := c.schema["properties"].(map[string]any)
		for k := range props {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}
