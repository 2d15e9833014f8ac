package deps

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// Limits for YAML input (pnpm and yarn berry lockfiles, workflows).
const (
	// MaxYAMLBytes is the largest YAML file parsed.
	MaxYAMLBytes = 32 << 20
	// MaxYAMLNodes is the most nodes a YAML document may have before
	// alias expansion.
	MaxYAMLNodes = 4_000_000
	// MaxAliasNodes is how many nodes alias expansion may add to a
	// document: the guard against "billion laughs" alias bombs. Real
	// workflows that use anchors add hundreds.
	MaxAliasNodes = 100_000
)

// ydoc is a parsed YAML document with the file it came from. Its alias
// expansion has been measured, so walkers may follow aliases freely.
type ydoc struct {
	f     *source.File
	root  *yaml.Node // top-level value (nil for an empty document)
	lines yamlLines  // yaml.v3's lines, to turn its positions into offsets
}

var yamlLine = lazyre.New(`line (\d+)`)

// parseYAML parses f with yaml.v3 and applies the size, node-count and
// alias-expansion limits. Every error is a positioned *source.Error.
func parseYAML(f *source.File, maxBytes int) (d *ydoc, err error) {
	if err := checkSize(f, maxBytes); err != nil {
		return nil, err
	}
	return parseYAMLChecked(f)
}

// parseYAMLChecked parses f, whose size has been checked.
func parseYAMLChecked(f *source.File) (d *ydoc, err error) {
	d = &ydoc{f: f, lines: newYAMLLines(f)}
	var doc yaml.Node
	func() {
		// yaml.v3 has panicked on malformed input in the past; a scanner
		// must survive any file in a repository.
		defer func() {
			if r := recover(); r != nil {
				err = errAt(f, 0, "invalid YAML: parser failure: %v", r)
			}
		}()
		if e := yaml.Unmarshal(f.Data, &doc); e != nil {
			err = d.yamlError(e)
		}
	}()
	if err != nil {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		d.root = doc.Content[0]
	}
	if err := d.checkAliases(); err != nil {
		return nil, err
	}
	return d, nil
}

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into a
// positioned Error at the start of that line.
func (d *ydoc) yamlError(e error) *source.Error {
	msg := strings.TrimPrefix(e.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && n <= d.lines.count() {
			return errAt(d.f, d.lines.start(n), "invalid YAML: %s", msg)
		}
	}
	return errAt(d.f, 0, "invalid YAML: %s", msg)
}

// checkAliases refuses documents with too many nodes, or whose aliases
// expand to too many.
func (d *ydoc) checkAliases() error {
	if d.root == nil {
		return nil
	}
	raw, aliases := countNodes(d.root, MaxYAMLNodes)
	if raw > MaxYAMLNodes {
		return errAt(d.f, 0, "YAML document has more than %d nodes", MaxYAMLNodes)
	}
	if !aliases {
		return nil
	}
	limit := raw + MaxAliasNodes
	memo := map[*yaml.Node]int{}
	if expandedSize(d.root, limit, memo, 0) <= limit {
		return nil
	}
	return errLoc(d.loc(d.biggestAlias(memo)), "YAML aliases expand to more than %d nodes (alias bomb?)", MaxAliasNodes)
}

// countNodes counts the nodes of the tree at n without following
// aliases, stopping past max, and reports whether it saw an alias.
func countNodes(n *yaml.Node, max int) (count int, aliases bool) {
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		count++
		aliases = aliases || n.Kind == yaml.AliasNode
		for _, c := range n.Content {
			if count > max {
				return
			}
			walk(c)
		}
	}
	walk(n)
	return count, aliases
}

// expandedSize is the node count of n with aliases expanded, memoised
// per node and saturating at limit+1, so alias bombs cost linear time.
func expandedSize(n *yaml.Node, limit int, memo map[*yaml.Node]int, depth int) int {
	if s, ok := memo[n]; ok {
		return s
	}
	if depth > 10000 {
		return limit + 1
	}
	memo[n] = limit + 1 // a cycle counts as unbounded
	s := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		s += expandedSize(n.Alias, limit, memo, depth+1)
	}
	for _, c := range n.Content {
		if s += expandedSize(c, limit, memo, depth+1); s > limit {
			s = limit + 1
			break
		}
	}
	memo[n] = s
	return s
}

// biggestAlias finds the alias node with the largest expansion, where a
// finding about an alias bomb should point.
func (d *ydoc) biggestAlias(memo map[*yaml.Node]int) *yaml.Node {
	var best *yaml.Node
	for n, s := range memo {
		if n.Kind != yaml.AliasNode {
			continue
		}
		if best == nil || s > memo[best] || s == memo[best] && (n.Line < best.Line || n.Line == best.Line && n.Column < best.Column) {
			best = n
		}
	}
	return best
}

// offset converts yaml.v3's 1-based line and character column to a byte
// offset.
func (d *ydoc) offset(line, col int) int {
	if line < 1 || line > d.lines.count() {
		return 0
	}
	data := d.f.Data
	off := d.lines.start(line)
	for i := 1; i < col && off < len(data) && yamlBreak(data, off) == 0; i++ {
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off
}

// loc returns where node n starts (and, for one-line scalars, ends).
// Its line and column are the file's own: yaml.v3's where they agree,
// else recomputed from the offset.
func (d *ydoc) loc(n *yaml.Node) source.Location {
	if n == nil || n.Line == 0 {
		return source.Location{File: d.f.Path}
	}
	start := d.offset(n.Line, n.Column)
	pos := source.Pos{Line: n.Line, Col: n.Column, Offset: start}
	if !d.lines.sameLines || d.lines.bom && n.Line == 1 {
		pos = d.f.Pos(start)
	}
	loc := source.Location{File: d.f.Path, Start: pos}
	if end, ok := d.scalarEnd(n, start); ok {
		loc.End = d.f.Pos(end)
	}
	return loc
}

// verbatim reports whether text stands byte for byte in the file at off,
// so positions inside it can be computed from off. A plain scalar folded
// over several lines, or a quoted one with escapes, does not.
func (d *ydoc) verbatim(off int, text string) bool {
	return off >= 0 && off+len(text) <= len(d.f.Data) && string(d.f.Data[off:off+len(text)]) == text
}

// scalarEnd finds the end of a flow scalar that starts at start.
func (d *ydoc) scalarEnd(n *yaml.Node, start int) (int, bool) {
	if n.Kind != yaml.ScalarNode {
		return 0, false
	}
	data := d.f.Data
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := start + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '"':
				return i + 1, true
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := start + 1; i < len(data); i++ {
			if data[i] == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, true
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		if !strings.Contains(n.Value, "\n") && strings.HasPrefix(string(data[start:min(len(data), start+len(n.Value))]), n.Value) {
			return start + len(n.Value), true
		}
	}
	return 0, false
}

// deref follows aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// ypair is one key/value pair of a mapping, aliases resolved.
type ypair struct {
	Key, Value *yaml.Node
}

// pairs returns the pairs of mapping n (nil for anything else).
func pairs(n *yaml.Node) []ypair {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]ypair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, ypair{Key: deref(n.Content[i]), Value: deref(n.Content[i+1])})
	}
	return out
}

// get returns the value of key in mapping n, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	for _, p := range pairs(n) {
		if p.Key != nil && p.Key.Kind == yaml.ScalarNode && p.Key.Value == key {
			return p.Value
		}
	}
	return nil
}

// items returns the items of sequence n, aliases resolved.
func items(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = deref(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// str returns the value of a scalar node ("" otherwise). A null scalar
// ("~", "null", empty) is "".
func str(n *yaml.Node) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// kindName names a node's kind for diagnostics.
func kindName(n *yaml.Node) string {
	switch n = deref(n); {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a sequence"
	case n.Tag == "!!null":
		return "null"
	}
	return fmt.Sprintf("a scalar (%s)", strings.TrimPrefix(n.Tag, "!!"))
}

// hasYAMLKey reports whether mapping n has key, whatever its value.
func hasYAMLKey(n *yaml.Node, key string) bool {
	for _, p := range pairs(n) {
		if p.Key != nil && p.Key.Kind == yaml.ScalarNode && p.Key.Value == key {
			return true
		}
	}
	return false
}
