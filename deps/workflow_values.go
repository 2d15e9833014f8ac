package deps

import (
	"strings"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// KV is one entry of an `env:`, `with:` or `secrets:` mapping.
type KV struct {
	Key      string
	Value    string // scalar text ("" for null or non-scalar values)
	Exprs    []Expr // ${{ … }} expressions inside Value
	Loc      source.Location
	ValueLoc source.Location
}

// Literal reports whether the value is a non-empty constant with no
// expression: what TA-GIT-006 flags for secret-named variables.
func (kv *KV) Literal() bool { return kv != nil && kv.Value != "" && len(kv.Exprs) == 0 }

// SecretRefs returns the secret names X the value reads as secrets.X or
// secrets['X'].
func (kv *KV) SecretRefs() []string {
	var out []string
	for _, e := range kv.Exprs {
		out = append(out, e.Secrets()...)
	}
	return out
}

// Expr is one ${{ … }} expression.
type Expr struct {
	Text string // the expression without ${{ }} and surrounding spaces
	// Loc is exact when the containing text maps byte for byte onto the
	// file (block-scalar lines, plain one-line scalars); otherwise it is
	// the containing value's start.
	Loc source.Location
}

var secretRef = lazyre.New(`\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\])`)

// Secrets returns the secret names the expression reads.
func (e Expr) Secrets() []string {
	var out []string
	for _, m := range secretRef.FindAllStringSubmatch(e.Text, -1) {
		out = append(out, m[1]+m[2])
	}
	return out
}

// FindExprs returns the ${{ … }} expressions in text. base is where text
// starts in the file; exact says whether text maps byte for byte onto
// the file (so expression positions can be computed).
func FindExprs(text string, base source.Location, exact bool) []Expr {
	var out []Expr
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "${{")
		if j < 0 {
			break
		}
		start := i + j
		k := strings.Index(text[start:], "}}")
		if k < 0 {
			break
		}
		end := start + k + 2
		loc := base
		if exact && base.Start.IsValid() {
			loc.Start, loc.End = shift(base.Start, text, start), shift(base.Start, text, end)
		}
		out = append(out, Expr{Text: strings.TrimSpace(text[start+3 : end-2]), Loc: loc})
		i = end
	}
	return out
}

// shift moves p forward over text[:i], which lies on one line.
func shift(p source.Pos, text string, i int) source.Pos {
	return source.Pos{Line: p.Line, Col: p.Col + utf8.RuneCountInString(text[:i]), Offset: p.Offset + i}
}

// kvs reads a mapping into KVs (nil for anything else).
func (r *wfReader) kvs(n *yaml.Node) []*KV {
	var out []*KV
	for _, p := range pairs(n) {
		kv := &KV{Key: str(p.Key), Value: str(p.Value), Loc: r.d.loc(p.Key), ValueLoc: r.d.loc(p.Value)}
		exact := p.Value != nil && p.Value.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.DoubleQuotedStyle) == 0 &&
			!strings.Contains(kv.Value, "\n")
		if p.Value != nil && p.Value.Style&yaml.SingleQuotedStyle != 0 {
			kv.ValueLoc.Start = shift(kv.ValueLoc.Start, "'", 1) // skip the opening quote
		}
		exact = exact && r.d.verbatim(kv.ValueLoc.Start.Offset, kv.Value)
		if p.Value != nil && p.Value.Kind == yaml.ScalarNode && p.Value.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			for _, l := range r.blockLines(p.Value) { // each expression at its own line
				kv.Exprs = append(kv.Exprs, l.Exprs...)
			}
		} else {
			kv.Exprs = FindExprs(kv.Value, kv.ValueLoc, exact)
		}
		out = append(out, kv)
	}
	return out
}

// Script is a `run:` value.
type Script struct {
	Text  string
	Lines []ScriptLine // one per non-blank source line of the script
	Loc   source.Location
}

// ScriptLine is one line of a run script, positioned in the file.
type ScriptLine struct {
	Text  string
	Exprs []Expr
	Loc   source.Location
}

// script reads a `run:` value; block scalars keep the position of each
// line.
func (r *wfReader) script(n *yaml.Node) *Script {
	s := &Script{Text: str(n), Loc: r.d.loc(n)}
	if n.Kind != yaml.ScalarNode {
		r.diag(n, "`run` must be a string, found %s", kindName(n))
		return s
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		s.Lines = r.blockLines(n)
		return s
	}
	exact := n.Style&yaml.DoubleQuotedStyle == 0 && !strings.Contains(s.Text, "\n")
	base := s.Loc
	if n.Style&yaml.SingleQuotedStyle != 0 {
		base.Start = shift(base.Start, "'", 1)
	}
	exact = exact && r.d.verbatim(base.Start.Offset, s.Text)
	s.Lines = []ScriptLine{{Text: s.Text, Loc: s.Loc, Exprs: FindExprs(s.Text, base, exact)}}
	return s
}

// blockLines maps the content of a block scalar onto source lines: the
// lines after the indicator that are blank or indented at least as much
// as the first content line.
func (r *wfReader) blockLines(n *yaml.Node) []ScriptLine {
	if !r.d.lines.sameLines {
		return valueLines(n, r.d.loc(n))
	}
	var out []ScriptLine
	indent := -1
	for ln := n.Line + 1; ln <= r.d.lines.count(); ln++ {
		text := r.d.f.Line(ln)
		body := strings.TrimLeft(text, " ")
		if strings.TrimSpace(body) == "" {
			continue
		}
		ind := len(text) - len(body)
		if indent < 0 {
			if ind < keyIndent(r.d, n) {
				break // empty block: the next key follows
			}
			indent = ind
		}
		if ind < indent {
			break
		}
		off := r.d.lines.start(ln) + indent
		loc := source.Location{File: r.d.f.Path, Start: source.Pos{Line: ln, Col: indent + 1, Offset: off}}
		loc.End = shift(loc.Start, text[indent:], len(text)-indent)
		line := text[indent:]
		out = append(out, ScriptLine{Text: line, Loc: loc, Exprs: FindExprs(line, loc, true)})
	}
	return out
}

// valueLines is blockLines for a file whose line breaks yaml.v3 counts
// differently from the file's own lines (a lone CR, NEL, LS or PS): the
// lines come from the block's value, each positioned at the block.
func valueLines(n *yaml.Node, loc source.Location) []ScriptLine {
	var out []ScriptLine
	for _, line := range strings.Split(n.Value, "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, ScriptLine{Text: line, Loc: loc, Exprs: FindExprs(line, loc, false)})
		}
	}
	return out
}

// keyIndent is the smallest indentation content of block scalar n must
// exceed: the indentation of the line holding its indicator.
func keyIndent(d *ydoc, n *yaml.Node) int {
	text := d.f.Line(n.Line)
	ind := len(text) - len(strings.TrimLeft(text, " "))
	if strings.HasPrefix(strings.TrimLeft(text, " "), "- ") {
		ind += 2 // "- run: |" inside a sequence item
	}
	return ind + 1
}

// assignments records the scalar entries of every env:, with: and
// credentials: (container and service registry logins) mapping below n,
// in document order. Aliases are not followed (an anchored map
// is read where it is defined), so the walk is linear in the file.
func (r *wfReader) assignments(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; v.Kind == yaml.MappingNode && (k.Value == "env" || k.Value == "with" || k.Value == "credentials") {
				r.assignMap(v, k.Value != "env")
			}
		}
	}
	for _, c := range n.Content {
		r.assignments(c)
	}
}

func (r *wfReader) assignMap(m *yaml.Node, input bool) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			continue
		}
		start := r.d.loc(v).Start.Offset
		end := start
		if v.Style == 0 && !strings.Contains(v.Value, "\n") {
			end += len(v.Value)
		}
		r.w.Assignments = append(r.w.Assignments, &Assignment{Key: k.Value, Value: str(v), Input: input,
			Loc: r.d.f.Span(start, min(end, len(r.d.f.Data)))})
	}
}
