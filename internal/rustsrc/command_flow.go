package rustsrc

import (
	"fmt"
	"strings"
)

// fnDef is a free function of the crate, for following helper calls.
type fnDef struct {
	file   *File
	name   string
	params []string // parameter names in order ("" for a pattern or self)
	body   [2]int
}

// flow follows caller-supplied values through one function body: a
// single forward pass over its tokens that taints let bindings, for
// loops and closure parameters fed by a tainted name, records the checks
// applied to each parameter, and collects sinks. Helper functions of the
// crate called with a tainted argument are followed up to maxHelperDepth
// calls deep.
type flow struct {
	inv     *inventory
	file    *File
	tr      *fileTraits
	taint   map[string][]string // local name -> command parameters it derives from
	part    map[string]bool     // tainted names holding only a part (an extension, a host)
	checks  map[string]checks   // command parameter -> checks seen so far
	procs   map[string]int      // let-bound process builders -> index in sinks
	sinks   []Sink
	depth   int
	via     []string
	visited map[string]bool // helpers already followed on this path
	seen    map[sinkKey]bool
	// protocol is set for a custom protocol handler, where a ".." test
	// counts as normalizing the path.
	protocol bool
}

// checks are the validations a parameter went through: the line of
// each kind of check (0: none).
type checks struct {
	canonical, prefix, allow, scope, scheme int
	dots                                    int // a ".." test on the value: enough for a protocol's path
}

const maxHelperDepth = 2

// run walks the body tokens from..to (exclusive of the braces).
func (f *flow) run(from, to int) {
	s := f.file
	for k := from + 1; k < to && k < len(s.Toks); k++ {
		if f.inv.steps++; f.inv.steps > analysisBudget {
			return
		}
		t := s.Toks[k]
		switch {
		case t.Is(Ident, "let"):
			f.let(k, to)
		case t.Is(Ident, "for"):
			f.forLoop(k, to)
		case t.Is(Punct, "|") && k > 0 && s.Toks[k-1].Is(Punct, "("):
			f.closure(k, to)
		case t.Is(Ident, "unsafe") && k+1 < to && s.Toks[k+1].Is(Punct, "{") && f.depth == 0:
			f.sinks = append(f.sinks, Sink{Kind: SinkUnsafe, Call: "unsafe", Loc: s.Span(k, k), Via: f.via})
		case t.Kind == Ident && k+1 < to && s.Toks[k+1].Is(Punct, "("):
			f.call(k)
		case t.Is(Ident, "match") || t.Is(Ident, "matches"):
			f.matchCheck(k, to)
		case t.Is(Punct, "=") && k+1 < to && s.Toks[k+1].Is(Punct, "=") || t.Is(Punct, "!") && k+1 < to && s.Toks[k+1].Is(Punct, "="):
			f.compareCheck(k)
		}
	}
}

// How tainted looks at names.
type taintMode uint8

const (
	strict taintMode = iota // values that flow on unchanged in kind (see direct)
	loose                   // any mention
	whole                   // mentions of names holding a whole value, not a part
)

// tainted returns the command parameters whose values appear in tokens
// from..to (inclusive): a tainted name that is not a field access, or
// an inline format argument "{name}" in a string literal.
func (f *flow) tainted(from, to int, mode taintMode) []string {
	var out []string
	s := f.file
	if f.inv.steps += max(to-from+1, 1); f.inv.steps > analysisBudget {
		return nil
	}
	add := func(roots []string, k int, name string) {
		if mode == strict && !s.direct(k, from) || mode == whole && f.part[name] {
			return
		}
		for _, root := range roots {
			if !containsString(out, root) {
				out = append(out, root)
			}
		}
	}
	for k := from; k <= to && k < len(s.Toks); k++ {
		t := s.Toks[k]
		switch t.Kind {
		case Ident:
			if root, ok := f.taint[t.Text]; ok && !(k > 0 && s.Toks[k-1].Is(Punct, ".")) &&
				!(k+1 < len(s.Toks) && s.Toks[k+1].Is(Punct, "::")) {
				add(root, k, t.Text)
			}
		case Str:
			if strings.Contains(t.Text, "{") {
				for name, root := range f.taint {
					if strings.Contains(t.Text, "{"+name+"}") || strings.Contains(t.Text, "{"+name+":") {
						add(root, k, name)
					}
				}
			}
		}
	}
	return out
}

// let taints the names bound by the let statement at k when its
// initializer is tainted; if-let and while-let end at their block.
func (f *flow) let(k, to int) {
	s := f.file
	eq := -1
	for j := k + 1; j < to && j < k+64; j++ {
		if s.Toks[j].Is(Punct, "=") && !(j+1 < len(s.Toks) && s.Toks[j+1].Is(Punct, "=")) {
			eq = j
			break
		}
		if s.Toks[j].Is(Punct, ";") || s.Toks[j].Is(Punct, "{") {
			return
		}
		if s.Toks[j].Kind == Punct && (s.Toks[j].Text == "(" || s.Toks[j].Text == "[") && s.match[j] > j {
			j = s.match[j]
		}
	}
	if eq < 0 {
		return
	}
	cond := k > 0 && (s.Toks[k-1].Is(Ident, "if") || s.Toks[k-1].Is(Ident, "while"))
	end := f.exprEnd(eq+1, to, cond)
	roots := f.tainted(eq+1, end, strict)
	pattern := s.Toks[k+1 : eq]
	if len(roots) == 0 || boundedAnnotation(pattern) {
		return
	}
	part := s.projected(eq+1, end)
	for _, name := range patternNames(pattern) {
		f.taint[name] = roots
		f.part[name] = part
	}
	f.recordChecks(eq+1, end, roots)
}

// exprEnd returns the token ending the expression starting at from: the
// ";" (or "else" of let-else) at depth 0, or for a condition the "{".
func (f *flow) exprEnd(from, to int, cond bool) int {
	s := f.file
	for j := from; j < to && j < len(s.Toks); j++ {
		t := s.Toks[j]
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{") {
			if t.Text == "{" && cond {
				return j
			}
			if s.match[j] < 0 {
				return to
			}
			j = s.match[j]
			continue
		}
		if t.Is(Punct, ";") || t.Is(Ident, "else") {
			return j
		}
	}
	return to
}

// boundedAnnotation reports a let pattern annotated with a bounded type
// (let n: usize = …).
func boundedAnnotation(pattern []Token) bool {
	for i, t := range pattern {
		if t.Is(Punct, ":") && i+1 < len(pattern) {
			return boundedTypes[pattern[i+1].Text]
		}
	}
	return false
}

// patternNames returns the names a let or for pattern binds: lower-case
// identifiers that are not keywords, paths or enum variants.
func patternNames(pattern []Token) []string {
	var out []string
	for i, t := range pattern {
		if t.Is(Punct, ":") && !(i+1 < len(pattern) && pattern[i+1].Is(Punct, ":")) {
			break // a type annotation follows
		}
		if t.Kind != Ident || t.Text == "mut" || t.Text == "ref" || t.Text == "_" {
			continue
		}
		if c := t.Text[0]; c >= 'A' && c <= 'Z' {
			continue
		}
		if i+1 < len(pattern) && (pattern[i+1].Is(Punct, "::") || pattern[i+1].Is(Punct, "(")) {
			continue
		}
		out = append(out, t.Text)
	}
	return out
}

// forLoop taints the pattern of `for pat in expr {` when expr is.
func (f *flow) forLoop(k, to int) {
	s := f.file
	in := -1
	for j := k + 1; j < to && j < k+32; j++ {
		if s.Toks[j].Is(Ident, "in") {
			in = j
			break
		}
	}
	if in < 0 {
		return
	}
	end := f.exprEnd(in+1, to, true)
	if roots := f.tainted(in+1, end, strict); len(roots) > 0 {
		for _, name := range patternNames(s.Toks[k+1 : in]) {
			f.taint[name] = roots
		}
	}
}

// closure taints the parameters of a closure passed to a method whose
// receiver chain is tainted: paths.iter().map(|p| …).
func (f *flow) closure(bar, to int) {
	s := f.file
	end := -1
	for j := bar + 1; j < to && j < bar+32; j++ {
		if s.Toks[j].Is(Punct, "|") {
			end = j
			break
		}
	}
	if end < 0 || bar < 3 || s.Toks[bar-2].Kind != Ident || !s.Toks[bar-3].Is(Punct, ".") {
		return
	}
	start := s.chainStart(bar - 3)
	if roots := f.tainted(start, bar-3, strict); len(roots) > 0 {
		for _, name := range patternNames(s.Toks[bar+1 : end]) {
			f.taint[name] = roots
		}
	}
}

// call handles a call whose name is token k: a sink, a check, or a local
// helper function to follow.
func (f *flow) call(k int) {
	s := f.file
	open := k + 1
	closeParen := s.match[open]
	if closeParen < 0 {
		return
	}
	if kind, call, ok := s.matchSink(k, f.tr); ok {
		f.sink(k, kind, call, open, closeParen)
		return
	}
	method := k > 0 && s.Toks[k-1].Is(Punct, ".")
	name := s.Toks[k].Text
	switch {
	case method && (name == "arg" || name == "args" || name == "current_dir"):
		f.builderArgs(k, open, closeParen)
	case name == "canonicalize" || name == "starts_with" || name == "strip_prefix" || name == "contains" ||
		name == "is_allowed" || name == "host_str" || name == "scheme":
		f.callCheck(k, open, closeParen)
	case !method && f.depth < maxHelperDepth:
		f.helper(k, open, closeParen)
	}
}

// sink records the sink called at k with arguments open..closeParen.
func (f *flow) sink(k int, kind SinkKind, call string, open, closeParen int) {
	s := f.file
	argEnd := closeParen
	if n := pathArgs(kind, call); n > 0 { // the SQL text or the paths; bound values and file contents are data
		if parts := s.splitTop(open+1, closeParen); len(parts) > 0 {
			argEnd = parts[min(n, len(parts))-1][1] - 1
		}
	}
	params := f.tainted(open+1, argEnd, strict)
	sk := Sink{Kind: kind, Call: call, Loc: s.Span(k, k), Params: params, Via: f.via}
	if kind == SinkExec {
		// the arguments chained on the builder: .arg(x), .args([…])
		argRoots := f.chainedArgs(closeParen)
		if len(params) == 0 && len(argRoots) > 0 {
			sk.ArgsOnly = true
		}
		for _, r := range argRoots {
			if !containsString(sk.Params, r) {
				sk.Params = append(sk.Params, r)
			}
		}
	}
	bind := ""
	if kind == SinkExec {
		bind = f.boundName(k)
	}
	if !sk.Derived() && (f.depth > 0 || kind != SinkExec) {
		if bind != "" {
			f.procs[bind] = -1 // a builder fed by constants so far
		}
		return // constant file, network or SQL use is not the caller's; a helper's is not the command's
	}
	if bind != "" {
		f.procs[bind] = len(f.sinks)
	}
	f.judge(&sk)
	f.sinks = append(f.sinks, sk)
}

// pathArgs is how many leading arguments of a sink name what it acts on
// (0: all of them): SQL text, a file path, both paths of fs::copy.
func pathArgs(kind SinkKind, call string) int {
	switch kind {
	case SinkSQL, SinkFSRead, SinkFSDelete:
		return 1
	case SinkFSWrite:
		if strings.HasSuffix(call, "copy") || strings.HasSuffix(call, "rename") || strings.HasSuffix(call, "hard_link") {
			return 2
		}
		return 1
	}
	return 0
}

// chainedArgs returns the parameters reaching .arg/.args/.current_dir
// calls chained after the ")" at closeParen.
func (f *flow) chainedArgs(closeParen int) []string {
	s := f.file
	var out []string
	for j := closeParen + 1; j+2 < len(s.Toks) && s.Toks[j].Is(Punct, ".") && s.Toks[j+1].Kind == Ident && s.Toks[j+2].Is(Punct, "("); {
		end := s.match[j+2]
		if end < 0 {
			break
		}
		if n := s.Toks[j+1].Text; n == "arg" || n == "args" || n == "current_dir" || n == "env" {
			for _, r := range f.tainted(j+3, end-1, strict) {
				if !containsString(out, r) {
					out = append(out, r)
				}
			}
		}
		j = end + 1
	}
	return out
}

// boundName returns the name the statement containing token k binds
// with let, or "".
func (f *flow) boundName(k int) string {
	s := f.file
	for j := k - 1; j >= 0 && j > k-12; j-- {
		if s.Toks[j].Is(Punct, "=") && j >= 2 {
			b := j - 1
			if s.Toks[b].Kind == Ident && (s.Toks[b-1].Is(Ident, "let") || s.Toks[b-1].Is(Ident, "mut")) {
				return s.Toks[b].Text
			}
			return ""
		}
		if t := s.Toks[j]; t.Kind == Punct && (t.Text == ";" || t.Text == "{" || t.Text == "}") {
			return ""
		}
	}
	return ""
}

// builderArgs adds tainted .arg(x) calls on a let-bound process builder
// (cmd.arg(path)) to that builder's sink.
func (f *flow) builderArgs(k, open, closeParen int) {
	s := f.file
	chain := s.Chain(k - 1)
	if len(chain) == 0 {
		return
	}
	idx, ok := f.procs[chain[len(chain)-1]]
	roots := f.tainted(open+1, closeParen-1, strict)
	if !ok || len(roots) == 0 {
		return
	}
	if idx < 0 || idx >= len(f.sinks) {
		return // a builder we saw but did not record (a constant one in a helper)
	}
	sk := &f.sinks[idx]
	if !sk.Derived() {
		sk.ArgsOnly = true
	}
	for _, r := range roots {
		if !containsString(sk.Params, r) {
			sk.Params = append(sk.Params, r)
		}
	}
	f.judge(sk)
}

// helper follows a call to a free function of the crate with the tainted
// arguments mapped to its parameters.
func (f *flow) helper(k, open, closeParen int) {
	s := f.file
	if k > 0 && (s.Toks[k-1].Is(Ident, "fn") || s.Toks[k-1].Is(Punct, "!")) {
		return
	}
	if k > 1 && s.Toks[k-1].Is(Punct, "::") && !isModuleName(s.Toks[k-2]) {
		return // Type::function: an associated function, not a free helper
	}
	def := f.inv.fnNamed(s.Toks[k].Text, s)
	if def == nil || f.visited[def.name] {
		return
	}
	args := s.splitTop(open+1, closeParen)
	inner := map[string][]string{}
	for i, a := range args {
		if i >= len(def.params) || def.params[i] == "" {
			break
		}
		if roots := f.tainted(a[0], a[1]-1, strict); len(roots) > 0 {
			inner[def.params[i]] = roots
		}
	}
	if len(inner) == 0 {
		return
	}
	key := f.helperKey(def, inner)
	if sinks, ok := f.inv.helpers[key]; ok {
		f.inv.steps += len(key)
		f.addSinks(sinks)
		return
	}
	visited := map[string]bool{def.name: true}
	for n := range f.visited {
		visited[n] = true
	}
	sub := &flow{inv: f.inv, file: def.file, tr: f.inv.traitsOf(def.file), taint: inner, part: map[string]bool{}, checks: f.checks,
		procs: map[string]int{}, depth: f.depth + 1, protocol: f.protocol, via: append(append([]string{}, f.via...), def.name), visited: visited}
	sub.run(def.body[0], def.body[1])
	f.inv.helpers[key] = sub.sinks
	f.addSinks(sub.sinks)
}

// addSinks appends a helper's sinks, once per place and kind.
func (f *flow) addSinks(sinks []Sink) {
	for _, sk := range sinks {
		k := sinkKey{sk.Loc.File, sk.Loc.Start.Offset, sk.Kind}
		if f.seen[k] {
			continue
		}
		if f.seen == nil {
			f.seen = map[sinkKey]bool{}
		}
		f.seen[k] = true
		f.sinks = append(f.sinks, sk)
	}
}

type sinkKey struct {
	file string
	off  int
	kind SinkKind
}

// isModuleName reports a path segment naming a module (crate, self,
// super, snake_case), not a type.
func isModuleName(t Token) bool {
	return t.Kind == Ident && t.Text != "" && (t.Text[0] < 'A' || t.Text[0] > 'Z')
}

// helperKey identifies one walk of a helper: the same helper reached by
// the same path with the same values and checks gives the same sinks.
func (f *flow) helperKey(def *fnDef, inner map[string][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%p|%s|", def, strings.Join(f.via, ">"))
	for _, p := range def.params {
		if roots, ok := inner[p]; ok {
			fmt.Fprintf(&b, "%s=%v;", p, roots)
			for _, r := range roots {
				fmt.Fprintf(&b, "%+v;", f.checks[r])
			}
		}
	}
	return b.String()
}

// callCheck records validations: canonicalize, starts_with/strip_prefix
// (on the value or its canonical form), contains(&x) on an allow-list,
// a scope's is_allowed, host_str/scheme checks of a parsed URL.
func (f *flow) callCheck(k, open, closeParen int) {
	s := f.file
	start := s.chainStart(k - 1)
	if !(k > 0 && s.Toks[k-1].Is(Punct, ".")) {
		start = k
	}
	recv := f.tainted(start, k-1, loose)
	args := f.tainted(open+1, closeParen-1, whole)
	line := s.Span(k, k).Start.Line
	for _, r := range append(recv, args...) {
		c := f.checks[r]
		switch s.Toks[k].Text {
		case "canonicalize":
			c.canonical = firstLine(c.canonical, line)
		case "starts_with", "strip_prefix":
			if containsString(recv, r) {
				c.prefix = firstLine(c.prefix, line)
				if open+1 < closeParen && s.Toks[open+1].Kind == Str {
					c.scheme = firstLine(c.scheme, line)
				}
			}
		case "contains":
			if containsString(args, r) {
				c.allow = firstLine(c.allow, line)
			}
			if containsString(recv, r) && open+1 < closeParen && s.Toks[open+1].Is(Str, "..") {
				c.dots = firstLine(c.dots, line)
			}
		case "is_allowed":
			c.scope = firstLine(c.scope, line)
		case "host_str", "scheme":
			c.scheme = firstLine(c.scheme, line)
		}
		f.checks[r] = c
	}
}

func firstLine(old, line int) int {
	if old > 0 {
		return old
	}
	return line
}

// recordChecks notes a canonicalize call inside a tainted let
// initializer (let p = PathBuf::from(x).canonicalize()?).
func (f *flow) recordChecks(from, to int, roots []string) {
	for j := from; j < to; j++ {
		if f.file.Toks[j].Is(Ident, "canonicalize") {
			for _, r := range roots {
				c := f.checks[r]
				c.canonical = firstLine(c.canonical, f.file.Span(j, j).Start.Line)
				f.checks[r] = c
			}
		}
	}
}

// matchCheck records `match x { "a" => …, _ => … }` (or matches!(x,
// "a" | "b")) on a tainted value against string literals: an allow-list.
func (f *flow) matchCheck(k, to int) {
	s := f.file
	if s.Toks[k].Text == "matches" {
		if k+2 < to && s.Toks[k+1].Is(Punct, "!") && s.Toks[k+2].Is(Punct, "(") && s.match[k+2] > 0 {
			f.literalCheck(k, k+3, s.match[k+2])
		}
		return
	}
	end := f.exprEnd(k+1, to, true)
	if end >= to || !s.Toks[end].Is(Punct, "{") || s.match[end] < 0 {
		return
	}
	if len(f.tainted(k+1, end-1, whole)) == 0 {
		return
	}
	f.literalCheck(k, end, s.match[end])
}

// literalCheck marks the tainted values of the scrutinee (tokens
// k..armsFrom) checked when the arms (armsFrom..armsTo) compare against
// string literals.
func (f *flow) literalCheck(k, armsFrom, armsTo int) {
	s := f.file
	lits := false
	for j := armsFrom; j < armsTo; j++ {
		if s.Toks[j].Kind == Str && j+1 < len(s.Toks) && (s.Toks[j+1].Is(Punct, "=") || s.Toks[j+1].Is(Punct, "|") || s.Toks[j+1].Is(Punct, ")")) {
			lits = true
			break
		}
	}
	if !lits {
		return
	}
	scrutEnd := armsFrom
	if s.Toks[k].Text == "matches" {
		if parts := s.splitTop(armsFrom, armsTo); len(parts) > 0 {
			scrutEnd = parts[0][1]
		}
	}
	for _, r := range f.tainted(k+1, scrutEnd-1, whole) {
		c := f.checks[r]
		c.allow = firstLine(c.allow, s.Span(k, k).Start.Line)
		f.checks[r] = c
	}
}

// compareCheck records x == "literal" / x != "literal" comparisons.
func (f *flow) compareCheck(k int) {
	s := f.file
	if k < 1 || k+2 >= len(s.Toks) {
		return
	}
	lit := s.Toks[k+2].Kind == Str && s.Toks[k+2].Text != "" || s.Toks[k-1].Kind == Str && s.Toks[k-1].Text != ""
	if !lit {
		return
	}
	lo := s.chainStart(k - 1)
	if s.Toks[k-1].Kind == Ident {
		lo = k - 1
		if k >= 2 && s.Toks[k-2].Is(Punct, ".") {
			lo = s.chainStart(k - 2)
		}
	} else if s.Toks[k-1].Is(Punct, ")") && s.match[k-1] > 0 {
		lo = s.chainStart(k - 1)
	}
	roots := f.tainted(lo, k-1, whole)
	roots = append(roots, f.tainted(k+2, min(k+4, len(s.Toks)-1), whole)...)
	for _, r := range roots {
		c := f.checks[r]
		c.allow = firstLine(c.allow, s.Span(k, k).Start.Line)
		f.checks[r] = c
	}
}

// judge decides whether every parameter reaching sk was checked in a way
// that fits the sink.
func (f *flow) judge(sk *Sink) {
	if !sk.Derived() {
		return
	}
	var how []string
	for _, p := range sk.Params {
		c := f.checks[p]
		var by string
		switch {
		case c.allow > 0:
			by = fmt.Sprintf("compared with an allow-list, line %d", c.allow)
		case c.scope > 0:
			by = fmt.Sprintf("accepted by a scope's is_allowed, line %d", c.scope)
		case (sk.Kind == SinkFSRead || sk.Kind == SinkFSWrite || sk.Kind == SinkFSDelete) && c.canonical > 0 && c.prefix > 0:
			by = fmt.Sprintf("canonicalized, line %d, and prefix-checked, line %d", c.canonical, c.prefix)
		case f.protocol && c.dots > 0:
			by = fmt.Sprintf("tested for \"..\", line %d", c.dots)
		case sk.Kind == SinkOpen && c.scheme > 0:
			by = fmt.Sprintf("scheme or host checked, line %d", c.scheme)
		default:
			sk.Checked, sk.Check = false, ""
			return
		}
		how = append(how, p+" "+by)
	}
	sk.Checked, sk.Check = true, strings.Join(how, "; ")
}
