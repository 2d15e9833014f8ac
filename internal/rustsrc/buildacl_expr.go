package rustsrc

import "slices"

// span is the token range [i, j).
type span struct{ i, j int }

func (v span) empty() bool { return v.j <= v.i }

// call is one .name(args) of a method chain.
type call struct {
	name      string
	at, close int // the name token and the closing ")"
	args      []span
}

// arg returns argument k, or an empty span.
func (c call) arg(k int) span {
	if k < len(c.args) {
		return c.args[k]
	}
	return span{c.close, c.close}
}

// chain is path(args)?.m1(args).m2(args)… with "?" skipped.
type chain struct {
	root       []string // the path: tauri_build, Attributes, new
	rootCalled bool
	rootArgs   []span
	calls      []call
}

// isConstructor reports Type::new() or Type::default(), path-qualified
// or not.
func (c chain) isConstructor(typ string) bool {
	n := len(c.root)
	return c.rootCalled && len(c.rootArgs) == 0 && n >= 2 && c.root[n-2] == typ &&
		(c.root[n-1] == "new" || c.root[n-1] == "default")
}

// isVariable reports a bare name.
func (c chain) isVariable() bool { return len(c.root) == 1 && !c.rootCalled }

// parseChain reads tokens [i, end) as one method chain, or fails.
func (s *File) parseChain(i, end int) (chain, bool) {
	var c chain
	j := i
	for j < end && s.Toks[j].Kind == Ident {
		c.root = append(c.root, s.Toks[j].Text)
		j++
		if j < end && s.Toks[j].Is(Punct, "::") {
			j++
			continue
		}
		break
	}
	if len(c.root) == 0 {
		return c, false
	}
	if j < end && s.Toks[j].Is(Punct, "(") {
		cl := s.match[j]
		if cl < 0 || cl >= end {
			return c, false
		}
		c.rootCalled, c.rootArgs = true, s.splitArgs(j+1, cl)
		j = cl + 1
	}
	for j < end {
		switch {
		case s.Toks[j].Is(Punct, "?"):
			j++
		case s.Toks[j].Is(Punct, ".") && j+2 < end && s.Toks[j+1].Kind == Ident && s.Toks[j+2].Is(Punct, "("):
			cl := s.match[j+2]
			if cl < 0 || cl >= end {
				return c, false
			}
			c.calls = append(c.calls, call{name: s.Toks[j+1].Text, at: j + 1, close: cl, args: s.splitArgs(j+3, cl)})
			j = cl + 1
		default:
			return c, false
		}
	}
	return c, true
}

// splitArgs splits tokens [i, end) at top-level commas; a trailing comma
// adds no argument.
func (s *File) splitArgs(i, end int) []span {
	var out []span
	start := i
	for j := i; j < end; j++ {
		t := s.Toks[j]
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{") && s.match[j] > j && s.match[j] < end {
			j = s.match[j]
			continue
		}
		if t.Is(Punct, ",") {
			out = append(out, span{start, j})
			start = j + 1
		}
	}
	if start < end {
		out = append(out, span{start, end})
	}
	return out
}

// decls indexes a file's declarations once, so each lookup is cheap
// however many plugins name the same binding.
type decls struct {
	lets    map[string][]int // the "let" tokens binding each name, ascending
	items   map[string]int   // the last const or static of each name
	assigns map[string][]int // the name tokens of `name = …`, ascending
	inits   map[int]span     // initializers already found
}

func (s *File) indexDecls() *decls {
	d := &decls{lets: map[string][]int{}, items: map[string]int{}, assigns: map[string][]int{}, inits: map[int]span{}}
	for i := 0; i+2 < len(s.Toks); i++ {
		t := s.Toks[i]
		if t.Is(Ident, "let") || t.Is(Ident, "const") || t.Is(Ident, "static") {
			j := i + 1
			if s.Toks[j].Is(Ident, "mut") {
				j++
			}
			if j < len(s.Toks) && s.Toks[j].Kind == Ident {
				if t.Text == "let" {
					d.lets[s.Toks[j].Text] = append(d.lets[s.Toks[j].Text], i)
				} else {
					d.items[s.Toks[j].Text] = i
				}
			}
			continue
		}
		if t.Kind == Ident && s.Toks[i+1].Is(Punct, "=") && !s.Toks[i+2].Is(Punct, "=") &&
			(i == 0 || !s.Toks[i-1].Is(Punct, ".") && !s.Toks[i-1].Is(Ident, "let") && !s.Toks[i-1].Is(Ident, "mut")) {
			d.assigns[t.Text] = append(d.assigns[t.Text], i)
		}
	}
	return d
}

// binding returns the initializer [b, end) of the let bound to name last
// before token before, else of a const or static item of that name, or
// b = -1.
func (e *evaluator) binding(name string, before int) (int, int) {
	if e.decls == nil {
		e.decls = e.s.indexDecls()
	}
	at := -1
	lets := e.decls.lets[name]
	if k, _ := slices.BinarySearch(lets, before); k > 0 {
		at = lets[k-1]
	} else if i, ok := e.decls.items[name]; ok {
		at = i
	}
	if at < 0 {
		return -1, -1
	}
	v, ok := e.decls.inits[at]
	if !ok {
		v.i, v.j = e.s.initializer(at)
		e.decls.inits[at] = v
	}
	return v.i, v.j
}

// reassigned returns the index of a `name = …` assignment in tokens
// [from, to), or -1: a binding changed after its let is not followed.
func (e *evaluator) reassigned(name string, from, to int) int {
	as := e.decls.assigns[name]
	if k, _ := slices.BinarySearch(as, from); k < len(as) && as[k] < to {
		return as[k]
	}
	return -1
}

// initializer returns the tokens after "=" up to the ";" that ends the
// declaration starting at token i, or -1.
func (s *File) initializer(i int) (int, int) {
	eq := -1
	for j := i + 1; j < len(s.Toks); j++ {
		t := s.Toks[j]
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{") && s.match[j] > j {
			j = s.match[j]
			continue
		}
		switch {
		case t.Is(Punct, "=") && eq < 0:
			eq = j + 1
		case t.Is(Punct, ";"):
			if eq < 0 || eq >= j {
				return -1, -1
			}
			return eq, j
		case t.Kind == Punct && (t.Text == ")" || t.Text == "]" || t.Text == "}"):
			return -1, -1
		}
	}
	return -1, -1
}

// str reads a string value: "x", "x".to_string() (into, to_owned),
// String::from("x"), &"x", or a name bound to one.
func (e *evaluator) str(v span, depth int) (string, bool) {
	s := e.s
	i, j := v.i, v.j
	for i < j && s.Toks[i].Is(Punct, "&") {
		i++
	}
	if i >= j {
		return "", false
	}
	if s.Toks[i].Kind == Str {
		rest := j - i - 1
		if rest == 0 || rest == 4 && s.Toks[i+1].Is(Punct, ".") && stringConv[s.Toks[i+2].Text] &&
			s.Toks[i+3].Is(Punct, "(") && s.Toks[i+4].Is(Punct, ")") {
			return s.Toks[i].Text, true
		}
		return "", false
	}
	c, ok := s.parseChain(i, j)
	if !ok || len(c.calls) > 0 {
		return "", false
	}
	n := len(c.root)
	if c.rootCalled && n >= 2 && c.root[n-2] == "String" && c.root[n-1] == "from" && len(c.rootArgs) == 1 {
		return e.str(c.rootArgs[0], depth)
	}
	if c.isVariable() && depth < maxBindingDepth {
		if b, end := e.binding(c.root[0], i); b >= 0 {
			return e.str(span{b, end}, depth+1)
		}
	}
	return "", false
}

var stringConv = map[string]bool{"to_string": true, "into": true, "to_owned": true}

// list reads a list's items: [..], &[..], vec![..], &vec![..], or a name
// bound to one (a const X: &[&str] = &[..] included).
func (e *evaluator) list(v span, depth int) ([]span, bool) {
	s := e.s
	i, j := v.i, v.j
	for i < j && s.Toks[i].Is(Punct, "&") {
		i++
	}
	if i+2 < j && s.Toks[i].Is(Ident, "vec") && s.Toks[i+1].Is(Punct, "!") {
		i += 2
	}
	if i < j && s.Toks[i].Is(Punct, "[") && s.match[i] == j-1 {
		if e.items += j - i; e.items > maxItems {
			return nil, false
		}
		return s.splitArgs(i+1, j-1), true
	}
	if i+1 == j && s.Toks[i].Kind == Ident && depth < maxBindingDepth {
		if b, end := e.binding(s.Toks[i].Text, i); b >= 0 {
			return e.list(span{b, end}, depth+1)
		}
	}
	return nil, false
}

// strList reads a list of string values.
func (e *evaluator) strList(v span, depth int) ([]string, bool) {
	items, ok := e.list(v, depth)
	if !ok {
		return nil, false
	}
	out := []string{}
	for _, it := range items {
		x, ok := e.str(it, depth)
		if !ok {
			return nil, false
		}
		out = append(out, x)
	}
	return out, true
}
