package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// rustTokKind classifies the tokens of rustLex.
type rustTokKind uint8

const (
	rustIdent rustTokKind = iota
	rustStr               // string literal of any form; Text is its body
	rustChar              // char or byte literal
	rustNum
	rustLifetime
	rustPunct // one character, or "::"
)

// rustTok is one token with its byte span in the source.
type rustTok struct {
	Kind     rustTokKind
	Text     string
	Off, End int
}

func (t rustTok) is(k rustTokKind, s string) bool { return t.Kind == k && t.Text == s }

// rustLex splits Rust source into tokens, skipping whitespace and comments
// (nested block comments included), so text inside comments and string
// literals never looks like code. It is lenient: malformed input ends the
// current token at the end of the source instead of failing.
func rustLex(src string) []rustTok {
	var out []rustTok
	n := len(src)
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(src[i:], "//"):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return out
			}
			i += j + 1
		case strings.HasPrefix(src[i:], "/*"):
			depth, j := 1, i+2
			for j < n && depth > 0 {
				switch {
				case strings.HasPrefix(src[j:], "/*"):
					depth, j = depth+1, j+2
				case strings.HasPrefix(src[j:], "*/"):
					depth, j = depth-1, j+2
				default:
					j++
				}
			}
			i = j
		case c == '"':
			end, body := rustQuoted(src, i+1)
			out = append(out, rustTok{rustStr, body, i, end})
			i = end
		case rustRawStart(src, i) >= 0:
			k := rustRawStart(src, i) // index of the first '#' or '"'
			hashes := 0
			for k+hashes < n && src[k+hashes] == '#' {
				hashes++
			}
			open := k + hashes + 1
			closing := "\"" + strings.Repeat("#", hashes)
			end, body := n, src[min(open, n):]
			if j := strings.Index(src[min(open, n):], closing); j >= 0 {
				body = src[open : open+j]
				end = open + j + len(closing)
			}
			out = append(out, rustTok{rustStr, body, i, end})
			i = end
		case (c == 'b' || c == 'c') && i+1 < n && src[i+1] == '"':
			end, body := rustQuoted(src, i+2)
			out = append(out, rustTok{rustStr, body, i, end})
			i = end
		case c == 'b' && i+1 < n && src[i+1] == '\'':
			end := rustCharEnd(src, i+1)
			out = append(out, rustTok{rustChar, src[i:end], i, end})
			i = end
		case c == '\'':
			if end := rustCharLit(src, i); end > 0 {
				out = append(out, rustTok{rustChar, src[i:end], i, end})
				i = end
				continue
			}
			j := i + 1
			for j < n && rustIdentByte(src[j]) {
				j++
			}
			out = append(out, rustTok{rustLifetime, src[i:j], i, j})
			i = max(j, i+1)
		case c == 'r' && i+2 < n && src[i+1] == '#' && rustIdentStart(src[i+2]):
			j := i + 2
			for j < n && rustIdentByte(src[j]) {
				j++
			}
			out = append(out, rustTok{rustIdent, src[i+2 : j], i, j})
			i = j
		case rustIdentStart(c):
			j := i + 1
			for j < n && rustIdentByte(src[j]) {
				j++
			}
			out = append(out, rustTok{rustIdent, src[i:j], i, j})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (rustIdentByte(src[j]) || src[j] == '.' && j+1 < n && src[j+1] >= '0' && src[j+1] <= '9') {
				j++
			}
			out = append(out, rustTok{rustNum, src[i:j], i, j})
			i = j
		case c == ':' && i+1 < n && src[i+1] == ':':
			out = append(out, rustTok{rustPunct, "::", i, i + 2})
			i += 2
		default:
			out = append(out, rustTok{rustPunct, src[i : i+1], i, i + 1})
			i++
		}
	}
	return out
}

// rustQuoted scans a "…" body starting at i (after the quote) and returns
// the offset after the closing quote and the body.
func rustQuoted(src string, i int) (int, string) {
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1, src[i:j]
		}
	}
	return len(src), src[min(i, len(src)):]
}

// rustRawStart returns, for a raw string (r"…", r#"…"#, br…, cr…) starting
// at i, the index just after the prefix letters; -1 otherwise.
func rustRawStart(src string, i int) int {
	j := i
	if j < len(src) && (src[j] == 'b' || src[j] == 'c') {
		j++
	}
	if j >= len(src) || src[j] != 'r' {
		return -1
	}
	if i > 0 && rustIdentByte(src[i-1]) {
		return -1
	}
	j++
	k := j
	for k < len(src) && src[k] == '#' {
		k++
	}
	if k < len(src) && src[k] == '"' {
		return j
	}
	return -1
}

// rustCharLit returns the end of the char literal whose opening quote is
// at i ('x', '\n', '\u{1F600}'), or 0 when the quote starts a lifetime or
// label ('a, 'static).
func rustCharLit(src string, i int) int {
	j := i + 1
	if j >= len(src) {
		return 0
	}
	if src[j] == '\\' {
		for k := j + 2; k < len(src) && k < i+14; k++ {
			if src[k] == '\'' {
				return k + 1
			}
		}
		return 0
	}
	j++
	for j < len(src) && src[j]&0xC0 == 0x80 { // rest of a UTF-8 rune
		j++
	}
	if j < len(src) && src[j] == '\'' {
		return j + 1
	}
	return 0
}

// rustCharEnd returns the end of a byte literal b'…' whose quote is at i.
func rustCharEnd(src string, i int) int {
	if end := rustCharLit(src, i); end > 0 {
		return end
	}
	return i + 1
}

func rustIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func rustIdentByte(c byte) bool { return rustIdentStart(c) || c >= '0' && c <= '9' }

// rustMatching maps each bracket token to its partner (-1 when unmatched).
func rustMatching(toks []rustTok) []int {
	m := make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		m[i] = -1
		if t.Kind != rustPunct {
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

// rustSource is one lexed Rust file of the app.
type rustSource struct {
	file  *source.File
	toks  []rustTok
	match []int
}

// appRustSources lexes the app crate's sources (src/**/*.rs next to the
// config) once per project.
func appRustSources(p *rules.Project) []*rustSource {
	return p.Memo("rel.rustSources", func() any {
		var out []*rustSource
		for _, rel := range p.FilesUnder(p.Path("src")) {
			if path.Ext(rel) != ".rs" {
				continue
			}
			if f := p.Read(rel); f != nil {
				out = append(out, lexRust(f))
			}
		}
		return out
	}).([]*rustSource)
}

func lexRust(f *source.File) *rustSource {
	toks := rustLex(string(f.Data))
	return &rustSource{file: f, toks: toks, match: rustMatching(toks)}
}

// chain returns the identifiers of the method-call chain that ends at the
// "." token dot: for a.b(x)?.c::<T>().d it walks back over calls, indexing,
// "?", paths and field accesses and returns [c b a] (outermost last).
func (s *rustSource) chain(dot int) []string {
	var out []string
	j := dot - 1
	for j >= 0 {
		t := s.toks[j]
		switch {
		case t.is(rustPunct, "?"):
			j--
			continue
		case t.Kind == rustPunct && (t.Text == ")" || t.Text == "]"):
			if s.match[j] < 0 {
				return out
			}
			j = s.match[j] - 1
			if j >= 0 && s.toks[j].is(rustPunct, "!") { // macro call
				j--
			}
			if j >= 0 && s.toks[j].is(rustPunct, ">") { // turbofish: skip to "::<"
				for j >= 0 && !s.toks[j].is(rustPunct, "<") {
					j--
				}
				j -= 2
			}
			if j >= 0 && s.toks[j].Kind == rustIdent {
				out = append(out, s.toks[j].Text)
				j--
			}
		case t.Kind == rustIdent:
			out = append(out, t.Text)
			j--
		default:
			return out
		}
		if j >= 0 && s.toks[j].Kind == rustPunct && (s.toks[j].Text == "." || s.toks[j].Text == "::") {
			j--
			continue
		}
		return out
	}
	return out
}

// bindings returns the local names bound by let (or typed parameters)
// whose type or initializer mentions one of marks.
func (s *rustSource) bindings(marks map[string]bool) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.is(rustIdent, "let") {
			j := i + 1
			if j < len(s.toks) && s.toks[j].is(rustIdent, "mut") {
				j++
			}
			if j >= len(s.toks) || s.toks[j].Kind != rustIdent {
				continue
			}
			name := s.toks[j].Text
			for k, depth := j+1, 0; k < len(s.toks); k++ {
				u := s.toks[k]
				if u.Kind == rustPunct {
					switch u.Text {
					case "(", "[", "{":
						depth++
					case ")", "]", "}":
						depth--
					}
					if depth < 0 || depth == 0 && u.Text == ";" {
						break
					}
				}
				if u.Kind == rustIdent && marks[u.Text] {
					out[name] = true
					break
				}
			}
			continue
		}
		// name: [&] [mut] [path::]Type — a parameter or field of a marked type
		if t.Kind == rustIdent && i+1 < len(s.toks) && s.toks[i+1].is(rustPunct, ":") {
			for k := i + 2; k < len(s.toks) && k < i+10; k++ {
				u := s.toks[k]
				if u.Kind == rustIdent && marks[u.Text] {
					out[t.Text] = true
					break
				}
				typeTok := u.Kind == rustIdent || u.Kind == rustLifetime ||
					u.Kind == rustPunct && (u.Text == "&" || u.Text == "::" || u.Text == "<")
				if !typeTok {
					break
				}
			}
		}
	}
	return out
}

// debugOnly reports whether token i sits under #[cfg(debug_assertions)]
// or inside an `if cfg!(debug_assertions) { … }` block.
func (s *rustSource) debugOnly(i int) bool {
	isDebugCfg := func(k int) bool { // toks[k] is "cfg"
		return k+3 < len(s.toks) && s.toks[k+1].is(rustPunct, "(") && s.toks[k+2].is(rustIdent, "debug_assertions") ||
			k+4 < len(s.toks) && s.toks[k+1].is(rustPunct, "!") && s.toks[k+2].is(rustPunct, "(") && s.toks[k+3].is(rustIdent, "debug_assertions")
	}
	// the enclosing blocks, innermost first
	for j := i - 1; j >= 0; j-- {
		t := s.toks[j]
		if t.is(rustPunct, "}") && s.match[j] >= 0 {
			j = s.match[j]
			continue
		}
		if !t.is(rustPunct, "{") {
			continue
		}
		// the block's header: back to the previous ; { or }
		for k := j - 1; k >= 0; k-- {
			u := s.toks[k]
			if u.Kind == rustPunct && (u.Text == ";" || u.Text == "{" || u.Text == "}") {
				break
			}
			if u.is(rustIdent, "cfg") && isDebugCfg(k) {
				return true
			}
		}
	}
	// an attribute on the statement itself
	for k := i - 1; k >= 0; k-- {
		u := s.toks[k]
		if u.Kind == rustPunct && (u.Text == ";" || u.Text == "{" || u.Text == "}") {
			return false
		}
		if u.is(rustIdent, "cfg") && isDebugCfg(k) {
			return true
		}
	}
	return false
}
