package rustsrc

import "github.com/tauriaudit/tauriaudit/rules/source"

// File is one lexed Rust source file.
type File struct {
	Source *source.File
	Toks   []Token
	match  []int // the partner of each bracket token, -1 otherwise
}

// Parse lexes f and matches its brackets.
func Parse(f *source.File) *File {
	toks := Lex(string(f.Data))
	return &File{Source: f, Toks: toks, match: matching(toks)}
}

// Span locates tokens i through j (inclusive) in the source file.
func (s *File) Span(i, j int) source.Location { return s.Source.Span(s.Toks[i].Off, s.Toks[j].End) }

// matching maps each bracket token to its partner (-1 when unmatched).
func matching(toks []Token) []int {
	m := make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		m[i] = -1
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				m[i], m[o] = o, i
			}
		}
	}
	return m
}

// Chain returns the identifiers of the method-call chain that ends at the
// "." token dot: for a.b(x)?.c::<T>().d it walks back over calls, indexing,
// "?", paths and field accesses and returns [c b a] (outermost last).
func (s *File) Chain(dot int) []string {
	var out []string
	j := dot - 1
	for j >= 0 {
		t := s.Toks[j]
		switch {
		case t.Is(Punct, "?"):
			j--
			continue
		case t.Kind == Punct && (t.Text == ")" || t.Text == "]"):
			if s.match[j] < 0 {
				return out
			}
			j = s.match[j] - 1
			if j >= 0 && s.Toks[j].Is(Punct, "!") { // macro call
				j--
			}
			if j >= 0 && s.Toks[j].Is(Punct, ">") { // turbofish: skip to "::<"
				for j >= 0 && !s.Toks[j].Is(Punct, "<") {
					j--
				}
				j -= 2
			}
			if j >= 0 && s.Toks[j].Kind == Ident {
				out = append(out, s.Toks[j].Text)
				j--
			}
		case t.Kind == Ident:
			out = append(out, t.Text)
			j--
		default:
			return out
		}
		if j >= 0 && s.Toks[j].Kind == Punct && (s.Toks[j].Text == "." || s.Toks[j].Text == "::") {
			j--
			continue
		}
		return out
	}
	return out
}

// maxInitScan bounds how far Bindings reads a let initializer for a
// mark: nested blocks would otherwise make it quadratic.
const maxInitScan = 512

// Bindings returns the local names bound by let (or typed parameters)
// whose type or initializer mentions one of marks.
func (s *File) Bindings(marks map[string]bool) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(s.Toks); i++ {
		t := s.Toks[i]
		if t.Is(Ident, "let") {
			j := i + 1
			if j < len(s.Toks) && s.Toks[j].Is(Ident, "mut") {
				j++
			}
			if j >= len(s.Toks) || s.Toks[j].Kind != Ident {
				continue
			}
			name := s.Toks[j].Text
		init:
			for k, depth := j+1, 0; k < len(s.Toks) && k < j+maxInitScan; k++ {
				u := s.Toks[k]
				if u.Kind == Punct {
					switch u.Text {
					case "(", "[", "{":
						depth++
					case ")", "]", "}":
						depth--
					}
					if depth < 0 || depth == 0 && u.Text == ";" {
						break init // the statement ends: a plain break would only leave the switch
					}
				}
				if u.Kind == Ident && marks[u.Text] {
					out[name] = true
					break
				}
			}
			continue
		}
		// name: [&] [mut] [path::]Type — a parameter or field of a marked type
		if t.Kind == Ident && i+1 < len(s.Toks) && s.Toks[i+1].Is(Punct, ":") {
			for k := i + 2; k < len(s.Toks) && k < i+10; k++ {
				u := s.Toks[k]
				if u.Kind == Ident && marks[u.Text] {
					out[t.Text] = true
					break
				}
				typeTok := u.Kind == Ident || u.Kind == Lifetime ||
					u.Kind == Punct && (u.Text == "&" || u.Text == "::" || u.Text == "<")
				if !typeTok {
					break
				}
			}
		}
	}
	return out
}

// DebugOnly reports whether token i sits under #[cfg(debug_assertions)]
// or inside an `if cfg!(debug_assertions) { … }` block.
func (s *File) DebugOnly(i int) bool {
	isDebugCfg := func(k int) bool { // toks[k] is "cfg"
		return k+3 < len(s.Toks) && s.Toks[k+1].Is(Punct, "(") && s.Toks[k+2].Is(Ident, "debug_assertions") ||
			k+4 < len(s.Toks) && s.Toks[k+1].Is(Punct, "!") && s.Toks[k+2].Is(Punct, "(") && s.Toks[k+3].Is(Ident, "debug_assertions")
	}
	// the enclosing blocks, innermost first
	for j := i - 1; j >= 0; j-- {
		t := s.Toks[j]
		if t.Is(Punct, "}") && s.match[j] >= 0 {
			j = s.match[j]
			continue
		}
		if !t.Is(Punct, "{") {
			continue
		}
		// the block's header: back to the previous ; { or }
		for k := j - 1; k >= 0; k-- {
			u := s.Toks[k]
			if u.Kind == Punct && (u.Text == ";" || u.Text == "{" || u.Text == "}") {
				break
			}
			if u.Is(Ident, "cfg") && isDebugCfg(k) {
				return true
			}
		}
	}
	// an attribute on the statement itself
	for k := i - 1; k >= 0; k-- {
		u := s.Toks[k]
		if u.Kind == Punct && (u.Text == ";" || u.Text == "{" || u.Text == "}") {
			return false
		}
		if u.Is(Ident, "cfg") && isDebugCfg(k) {
			return true
		}
	}
	return false
}

// EnclosingCall returns the index of the method name token of the
// innermost call named name whose argument list contains token i, or -1.
func (s *File) EnclosingCall(i int, name string) int {
	for j := i - 1; j > 0; j-- {
		t := s.Toks[j]
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case ")", "]", "}":
			if s.match[j] >= 0 {
				j = s.match[j]
			}
		case "(":
			if s.match[j] > i || s.match[j] < 0 {
				if s.Toks[j-1].Is(Ident, name) && j >= 2 && s.Toks[j-2].Is(Punct, ".") {
					return j - 1
				}
			}
		}
	}
	return -1
}
